package io.rollcall.importing.parse;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Watches the characters FastCSV reads for a quoted field that is never closed. FastCSV takes such
 * a field to the end of the file without complaint; Rollcall must refuse the file instead and name
 * the row where the broken field starts.
 */
final class QuoteTracker extends FilterReader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_CR }

    private final char delimiter;
    private State state = State.FIELD_START;
    private long row = 1;
    private long openQuoteRow;
    private long headerFields = 1;

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
        int c = super.read();
        if (c >= 0) {
            track((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
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
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
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
    }

    private void endOfFieldOrText(char c) {
        if (c == delimiter) {
            state = State.FIELD_START;
            if (row == 1) {
                headerFields++;
            }
        } else if (c == '\n') {
            row++;
            state = State.FIELD_START;
        } else if (c == '\r') {
            row++;
            state = State.AFTER_CR;
        } else {
            state = State.UNQUOTED;
        }
    }
}
