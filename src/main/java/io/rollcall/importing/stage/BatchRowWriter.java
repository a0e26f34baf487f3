package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
        var placeholders = String.join(", ", java.util.Collections.nCopies(StagedColumns.COUNT, "?"));
        jdbc.batchUpdate("insert into import_row (" + StagedColumns.NAMES + ") values (" + placeholders + ")",
            batch, batch.size(), (ps, row) -> {
                var values = StagedColumns.values(importId, row);
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
            });
    }
}
