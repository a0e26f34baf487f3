package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.account.Account;
import io.rollcall.importing.validate.CheckedRow;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages rows with batched inserts, for databases without a bulk-load command (H2). A batch is
 * committed as it is written; the caller clears the import's rows when it gives up.
 */
final class BatchRowWriter implements RowWriter {

    private final JdbcTemplate jdbc;
    private final String importId;
    private final int batchSize;
    private final List<CheckedRow> batch;

    BatchRowWriter(JdbcTemplate jdbc, String importId, int batchSize) {
        this.jdbc = jdbc;
        this.importId = importId;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
    }

    @Override
    public void write(CheckedRow row) {
        batch.add(row);
        if (batch.size() == batchSize) {
            flush();
        }
    }

    @Override
    public void finish() {
        flush();
    }

    @Override
    public void close() {
        batch.clear();
    }

    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into import_row (import_id, row_no, email, email_key, first_name, last_name, role,
                    issued_id, school_id, failed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, row) -> {
                ps.setString(1, importId);
                ps.setLong(2, row.row());
                ps.setString(3, row.email());
                ps.setString(4, row.email() == null ? null : Account.emailKey(row.email()));
                ps.setString(5, row.firstName());
                ps.setString(6, row.lastName());
                ps.setString(7, row.role() == null ? null : row.role().name());
                ps.setString(8, row.issuedId());
                ps.setString(9, row.schoolId());
                ps.setBoolean(10, !row.valid());
            });
        batch.clear();
    }
}
