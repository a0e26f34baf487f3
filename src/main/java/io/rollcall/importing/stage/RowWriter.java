package io.rollcall.importing.stage;

import io.rollcall.importing.validate.CheckedRow;

/** Streams checked rows into the staging table; {@link #close()} without {@link #finish()} discards them. */
interface RowWriter extends AutoCloseable {

    void write(CheckedRow row);

    /**
     * Makes every written row visible in the staging table, if the worker still owns the import;
     * false, with nothing of this run kept, when another worker has taken it over.
     */
    boolean finish();

    @Override
    void close();
}
