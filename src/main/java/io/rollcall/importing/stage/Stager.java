package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.importing.validate.CheckedRow;
import io.rollcall.importing.validate.RowError;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes checked rows into the staging table, and the per-row errors beside them, in batches:
 * every non-blank row is staged, valid or not, so that duplicates can be found across the file.
 */
@Component
public class Stager {

    private final JdbcTemplate jdbc;

    Stager(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void stage(String importId, List<CheckedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into import_row (import_id, row_no, email, email_key, first_name, last_name, role,
                    issued_id, school_id, failed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, rows.size(), (ps, row) -> {
                ps.setString(1, importId);
                ps.setLong(2, row.row());
                ps.setString(3, row.email());
                ps.setString(4, row.email() == null ? null : io.rollcall.account.Account.emailKey(row.email()));
                ps.setString(5, row.firstName());
                ps.setString(6, row.lastName());
                ps.setString(7, row.role() == null ? null : row.role().name());
                ps.setString(8, row.issuedId());
                ps.setString(9, row.schoolId());
                ps.setBoolean(10, !row.valid());
            });
        var errors = new ArrayList<RowError>();
        rows.forEach(row -> errors.addAll(row.errors()));
        insertErrors(importId, errors, 0);
    }

    /** Adds errors; {@code firstSeq} orders a row's errors after those already written. */
    public void insertErrors(String importId, List<RowError> errors, int firstSeq) {
        if (errors.isEmpty()) {
            return;
        }
        var seq = new int[] {firstSeq};
        var previousRow = new long[] {-1};
        jdbc.batchUpdate("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                values (?, ?, ?, ?, ?, ?, ?)""", errors, errors.size(), (ps, error) -> {
                if (error.row() != previousRow[0]) {
                    seq[0] = firstSeq;
                    previousRow[0] = error.row();
                }
                ps.setString(1, importId);
                ps.setLong(2, error.row());
                ps.setInt(3, seq[0]++);
                ps.setString(4, truncate(error.email(), 254));
                ps.setString(5, error.field());
                ps.setString(6, error.code().name());
                ps.setString(7, truncate(error.message(), 1000));
            });
    }

    /** Removes what an earlier, interrupted run of the import left behind. */
    public void clear(String importId) {
        jdbc.update("delete from import_row where import_id = ?", importId);
        jdbc.update("delete from import_error where import_id = ?", importId);
        jdbc.update("delete from import_warning where import_id = ?", importId);
        jdbc.update("delete from import_school where import_id = ?", importId);
    }

    /** Drops the staged rows once the import has ended; errors and warnings stay for the report. */
    public void dropRows(String importId) {
        jdbc.update("delete from import_row where import_id = ?", importId);
    }

    public void warn(String importId, long row, String code, String message) {
        jdbc.update("insert into import_warning (import_id, row_no, code, message) values (?, ?, ?, ?)",
            importId, row, code, truncate(message, 300));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
