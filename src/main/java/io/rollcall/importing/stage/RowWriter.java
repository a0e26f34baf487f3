package io.rollcall.importing.stage;

import io.rollcall.importing.validate.CheckedRow;

/** Streams checked rows into the staging table; {@link #close()} without {@link #finish()} discards them. */
interface RowWriter extends AutoCloseable {

    void write(CheckedRow row);

    /** Makes every written row visible in the staging table. */
    void finish();

    @Override
    void close();
}
