package io.rollcall.importing.parse;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

import io.rollcall.error.ErrorCode;

/**
 * Watches the characters FastCSV reads for a quoted field that is never closed. FastCSV takes such
 * a field to the end of the file without complaint; Rollcall must refuse the file instead and name
 * the row where the broken field starts. Hands on a lone CR inside a quoted field as LF (see read).
 * Also counts each cell's and each row's characters as they pass, and refuses the file
 * (FIELD_TOO_LARGE, ROW_TOO_LARGE) before FastCSV has buffered more than the limit of {@link Limits}.
 */
final class QuoteTracker extends FilterReader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_CR }

    private final char delimiter;
    private State state = State.FIELD_START;
    private long row = 1;
    private long openQuoteRow;
    private long headerFields = 1;
    private int pending = -1;
    // Characters of the current cell's value, and of the current row as written.
    private int fieldChars;
    private int rowChars;

    QuoteTracker(Reader in, char delimiter) {
        super(in);
        this.delimiter = delimiter;
    }

    /** The row where the still-open quoted field started, or 0 when every quote was closed. */
    long unclosedQuoteRow() {
        return state == State.QUOTED ? openQuoteRow : 0;
    }

    /** How many fields of the first row (the header) have been read so far. */
    long headerFields() {
        return headerFields;
    }

    @Override
    public int read() throws IOException {
        var one = new char[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = 0;
        if (pending >= 0) {
            buffer[offset] = (char) pending;
            pending = -1;
            n = 1;
        }
        if (n < length) {
            int read = super.read(buffer, offset + n, length - n);
            if (read < 0 && n == 0) {
                return -1;
            }
            n += Math.max(read, 0);
        }
        for (int i = 0; i < n; i++) {
            char c = buffer[offset + i];
            // FastCSV 4.1 loses the field, and merges the next line into the record, when a quoted
            // field holding a lone CR is closed right before an LF. A lone CR is a line break (the
            // contract), so inside quotes it is handed on as LF, which FastCSV reads correctly.
            if (c == '\r' && state == State.QUOTED) {
                int next;
                if (i + 1 < n) {
                    next = buffer[offset + i + 1];
                } else {
                    next = super.read();
                    pending = next;
                }
                if (next != '\n') {
                    buffer[offset + i] = '\n';
                }
            }
            track(buffer[offset + i]);
        }
        return n;
    }

    private void track(char c) {
        if (state == State.AFTER_CR) {
            state = State.FIELD_START;
            if (c == '\n') {
                return;
            }
        }
        switch (state) {
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else {
                    fieldChars++;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                    fieldChars++;
                } else {
                    endOfFieldOrText(c);
                }
            }
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                    openQuoteRow = row;
                } else {
                    endOfFieldOrText(c);
                }
            }
            default -> endOfFieldOrText(c);
        }
        checkSize();
    }

    private void checkSize() {
        if (++rowChars > Limits.MAX_ROW_CHARS) {
            throw new FileRejected(ErrorCode.ROW_TOO_LARGE, "Row " + row + " is longer than " + Limits.MAX_ROW_CHARS
                + " characters; a roster row is far shorter. Check that every quote is closed where it should be");
        }
        if (fieldChars > Limits.MAX_FIELD_CHARS) {
            long where = state == State.QUOTED || state == State.QUOTE_IN_QUOTED ? openQuoteRow : row;
            throw new FileRejected(ErrorCode.FIELD_TOO_LARGE, "Row " + where + " has a cell longer than "
                + Limits.MAX_FIELD_CHARS + " characters. Check that every quote is closed where it should be, or"
                + " shorten the cell");
        }
    }

    private void endOfFieldOrText(char c) {
        if (c == delimiter) {
            state = State.FIELD_START;
            fieldChars = 0;
            if (row == 1) {
                headerFields++;
            }
        } else if (c == '\n') {
            row++;
            state = State.FIELD_START;
            fieldChars = 0;
            rowChars = 0;
        } else if (c == '\r') {
            row++;
            state = State.AFTER_CR;
            fieldChars = 0;
            rowChars = 0;
        } else {
            state = State.UNQUOTED;
            fieldChars++;
        }
    }
}
