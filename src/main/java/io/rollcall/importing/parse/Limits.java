package io.rollcall.importing.parse;

/**
 * How large one piece of an uploaded file may be, so that no file, however crafted, makes a reader
 * hold more than a few megabytes: the characters of one cell and of one row, counted as they
 * stream past, before anything buffers them.
 */
public final class Limits {

    /** Characters of one cell's value; beyond it the file is FIELD_TOO_LARGE. */
    public static final int MAX_FIELD_CHARS = 65_536;
    /** Characters of one row as written (cells, delimiters, quotes); beyond it the file is ROW_TOO_LARGE. */
    public static final int MAX_ROW_CHARS = 1_048_576;

    private Limits() {
    }
}
