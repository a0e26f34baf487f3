package io.rollcall.importing.oneroster;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Watches the characters FastCSV reads for a quoted field still open at the end of the file, which
 * FastCSV hands out as one last record instead of refusing. Also hands on each lone CR as LF: both
 * end a row, and FastCSV 4.1 loses a quoted field ending in a lone CR (see parse.QuoteTracker).
 */
final class QuoteWatch extends FilterReader {

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private State state = State.FIELD_START;
    private int pending = -1;

    QuoteWatch(Reader in) {
        super(in);
    }

    /** Whether the characters read so far end inside a quoted field. */
    boolean quoteOpen() {
        return state == State.QUOTED;
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
        for (int i = offset; i < offset + n; i++) {
            if (buffer[i] == '\r') {
                int next = i + 1 < offset + n ? buffer[i + 1] : (pending = super.read());
                if (next != '\n') {
                    buffer[i] = '\n';
                }
            }
            track(buffer[i]);
        }
        return n;
    }

    // A quote opens a quoted field only at the field's start; a doubled quote inside stays inside.
    private void track(char c) {
        state = switch (state) {
            case QUOTED -> c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED -> c == '"' ? State.QUOTED : outside(c);
            case FIELD_START -> c == '"' ? State.QUOTED : outside(c);
            case UNQUOTED -> outside(c);
        };
    }

    private static State outside(char c) {
        return c == ',' || c == '\n' || c == '\r' ? State.FIELD_START : State.UNQUOTED;
    }
}
