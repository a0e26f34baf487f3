package io.rollcall.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * How far the reading thread has got through a stored file, so that a file read only once can
 * show its number of rows before they have all been read: the rows read so far, scaled by the
 * share of the file's bytes they took. Written by the reading thread, read by the worker.
 */
final class ReadingProgress {

    private final long fileSize;
    private volatile long bytes;
    private volatile long rows;

    ReadingProgress(long fileSize) {
        this.fileSize = fileSize;
    }

    /** The stored file's stream, counting the bytes taken from it. */
    InputStream count(InputStream file) {
        return new FilterInputStream(file) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            }
        };
    }

    /** Counts one more data row handed out by the reader. */
    void row() {
        rows++;
    }

    /**
     * The file's data rows as far as they can be told yet, at least {@code atLeast} and at most
     * {@code atMost}: exact once the whole file has been read.
     */
    long estimatedRows(long atLeast, long atMost) {
        long read = bytes;
        long counted = rows;
        long estimate = read == 0 ? counted : Math.round(counted * ((double) fileSize / read));
        return Math.max(atLeast, Math.min(atMost, estimate));
    }
}
