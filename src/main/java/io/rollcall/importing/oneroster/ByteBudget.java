package io.rollcall.importing.oneroster;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/**
 * Counts the bytes unpacked from a zip as they are read, over all its entries, because a zip's
 * directory may lie about its sizes. Beyond the limit, or beyond {@link #MAX_RATIO} times an
 * entry's compressed size once past {@link #RATIO_FROM} bytes, reading throws UNSAFE_ARCHIVE.
 * Not thread-safe.
 */
final class ByteBudget {

    /** Unpacked size from which an entry's compression ratio is checked. */
    static final long RATIO_FROM = 1024 * 1024;
    /** The highest ratio of unpacked to compressed size accepted; CSV text packs about 5 to 20 times. */
    static final long MAX_RATIO = 100;

    private final long limit;
    private long used;

    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** The entry's stream, counted against this budget and against its own compressed size. */
    InputStream meter(InputStream entry, String fileName, long compressedSize) {
        return new FilterInputStream(entry) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    spend(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    spend(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                spend(skipped);
                return skipped;
            }

            private void spend(long n) {
                read += n;
                used += n;
                if (used > limit) {
                    throw tooLarge(limit);
                }
                if (read > RATIO_FROM && compressedSize > 0 && read / compressedSize > MAX_RATIO) {
                    throw tooPacked(fileName);
                }
            }
        };
    }

    static FileRejected tooLarge(long limit) {
        return new FileRejected(ErrorCode.UNSAFE_ARCHIVE,
            "The zip unpacks to more than " + limit + " bytes, the upload limit");
    }

    static FileRejected tooPacked(String name) {
        return new FileRejected(ErrorCode.UNSAFE_ARCHIVE, name + " in the zip unpacks to more than " + MAX_RATIO
            + " times its packed size; Rollcall refuses such files as possible zip bombs");
    }
}
