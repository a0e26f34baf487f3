package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stages rows with batched inserts, for databases without a bulk-load command (H2). A batch is
 * committed as it is written, while the worker owns the import; the caller clears the import's
 * rows when it gives up.
 */
final class BatchRowWriter implements RowWriter {

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final List<List<Object>> batch;
    private final Predicate<Runnable> asOwner;
    private boolean lost;

    /** {@code asOwner} runs a write only while the worker owns the import, and says whether it did. */
    BatchRowWriter(JdbcTemplate jdbc, int batchSize, Predicate<Runnable> asOwner) {
        this.asOwner = asOwner;
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.batch = new ArrayList<>(batchSize);
    }

    @Override
    public void write(List<Object> values) {
        batch.add(values);
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
            batch, batch.size(), (ps, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    ps.setObject(i + 1, values.get(i));
                }
            });
    }
}
