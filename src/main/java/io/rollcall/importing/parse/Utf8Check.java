package io.rollcall.importing.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells whether a file is valid UTF-8 from its bytes as they stream past, so that the pass that
 * receives an upload also decides its character set instead of a second read of the whole file.
 * A character may be split between two pieces. Not thread-safe.
 */
public final class Utf8Check {

    private static final int SLICE = 64 * 1024;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // Room for a slice and the end of a character the previous slice began.
    private final ByteBuffer bytes = ByteBuffer.allocate(SLICE + 8);
    private final CharBuffer chars = CharBuffer.allocate(SLICE + 8);
    private boolean invalid;
    private boolean ended;

    /** Checks a file read from its start. */
    public static Utf8Check of(InputStream file) throws IOException {
        var check = new Utf8Check();
        var buffer = new byte[SLICE];
        int n;
        while ((n = file.read(buffer)) > 0) {
            check.update(buffer, 0, n);
        }
        return check;
    }

    /** Takes the next bytes of the file. */
    public void update(byte[] buffer, int offset, int length) {
        if (ended) {
            throw new IllegalStateException("The whole file has been checked");
        }
        for (int from = offset; from < offset + length && !invalid; from += SLICE) {
            bytes.put(buffer, from, Math.min(SLICE, offset + length - from));
            decode(false);
        }
    }

    /** Whether every byte taken, and the file's end, is valid UTF-8; ends the check. */
    public boolean isValid() {
        if (!ended && !invalid) {
            decode(true);
            invalid |= decoder.flush(chars).isError();
        }
        ended = true;
        return !invalid;
    }

    private void decode(boolean end) {
        bytes.flip();
        invalid |= decoder.decode(bytes, chars, end).isError();
        chars.clear();
        bytes.compact();
    }
}
