package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.rollcall.account.Account;
import io.rollcall.importing.validate.CheckedRow;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages rows with batched inserts, for databases without a bulk-load command (H2). A batch is
 * committed as it is written, while the worker owns the import; the caller clears the import's
 * rows when it gives up.
 */
final class BatchRowWriter implements RowWriter {

    private final JdbcTemplate jdbc;
    private final String importId;
    private final int batchSize;
    private final List<CheckedRow> batch;
    private final Predicate<Runnable> asOwner;
    private boolean lost;

    /** {@code asOwner} runs a write only while the worker owns the import, and says whether it did. */
    BatchRowWriter(JdbcTemplate jdbc, String importId, int batchSize, Predicate<Runnable> asOwner) {
        this.asOwner = asOwner;
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
    public boolean finish() {
        flush();
        return !lost;
    }

    @Override
    public void close() {
        batch.clear();
    }

    private void flush() {
        if (!batch.isEmpty() && !lost) {
            lost = !asOwner.test(this::insertBatch);
        }
        batch.clear();
    }

    private void insertBatch() {
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
    }
}
