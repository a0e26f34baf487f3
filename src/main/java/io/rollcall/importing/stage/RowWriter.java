package io.rollcall.importing.stage;

import java.util.List;

/** Streams checked rows into the staging table; {@link #close()} without {@link #finish()} discards them. */
interface RowWriter extends AutoCloseable {

    /** Writes one row's values, in the order of {@link StagedColumns#NAMES}. */
    void write(List<Object> values);

    /**
     * Makes every written row visible in the staging table, if the worker still owns the import;
     * false, with nothing of this run kept, when another worker has taken it over.
     */
    boolean finish();

    @Override
    void close();
}
