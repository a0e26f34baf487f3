package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.importing.validate.CheckedRow;
import io.rollcall.importing.validate.RowError;

/**
 * One import's rows on their way into the staging table, with their errors beside them. Memory
 * stays bounded whatever the file's size. Close it; rows not {@link #finish() finished} are
 * discarded (errors already written stay until {@link Stager#clear}). Not thread-safe.
 */
public final class Staging implements AutoCloseable {

    private static final int ERROR_BATCH = 1000;

    private final Stager stager;
    private final String importId;
    private final RowWriter rows;
    private final List<RowError> errors = new ArrayList<>();

    Staging(Stager stager, String importId, RowWriter rows) {
        this.stager = stager;
        this.importId = importId;
        this.rows = rows;
    }

    public void add(CheckedRow row) {
        rows.write(row);
        errors.addAll(row.errors());
        if (errors.size() >= ERROR_BATCH) {
            flushErrors();
        }
    }

    /** Writes what is still buffered; afterwards every added row is staged. */
    public void finish() {
        flushErrors();
        rows.finish();
    }

    private void flushErrors() {
        stager.insertErrors(importId, errors, 0);
        errors.clear();
    }

    @Override
    public void close() {
        rows.close();
    }
}
