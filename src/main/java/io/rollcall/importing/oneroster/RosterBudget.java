package io.rollcall.importing.oneroster;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/**
 * What the roster written for a bundle may grow to: its bytes, counted as they are written, and
 * its rows. The zip's unpacked bytes are no bound on it: a user at several orgs is copied once per
 * org, each copy with the user's cells, so a small bundle could otherwise fill the disk. Not
 * thread-safe.
 */
final class RosterBudget {

    private final long maxBytes;
    private final long maxRows;
    private long bytes;
    private long rows;

    /**
     * @param maxBytes the upload limit, the most a roster may be
     * @param maxRows  the row limit: roster rows, blank ones not counted
     */
    RosterBudget(long maxBytes, long maxRows) {
        this.maxBytes = maxBytes;
        this.maxRows = maxRows;
    }

    /** {@code out}, its bytes counted against this budget; {@link #checkBytes()} tells when they are too many. */
    OutputStream meter(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                bytes += length;
            }
        };
    }

    /**
     * Counts {@code n} rows about to be written.
     *
     * @throws FileRejected TOO_MANY_ROWS when they make more than the row limit
     */
    void rows(int n) {
        rows += n;
        if (rows > maxRows) {
            throw new FileRejected(ErrorCode.TOO_MANY_ROWS, "The bundle's users make a roster of more than " + maxRows
                + " rows (a row per user and org); Rollcall imports at most " + maxRows + " rows at once");
        }
    }

    /**
     * Checks the bytes written so far (behind a writer's buffer, they lag by its size at most).
     *
     * @throws FileRejected UNSAFE_ARCHIVE when they are more than the upload limit
     */
    void checkBytes() {
        if (bytes > maxBytes) {
            throw new FileRejected(ErrorCode.UNSAFE_ARCHIVE, "The bundle's users make a roster larger than the upload"
                + " limit (" + maxBytes + " bytes)");
        }
    }
}
