package io.rollcall.importing.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8CheckTest {

    private static final byte[] NAMES = "José,Müller,jose@example.com,0,A1,648572\n😀,Straße,x@example.com,1,B2,1\n"
        .getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 64})
    void acceptsUtf8WhoseCharactersAreSplitBetweenPieces(int piece) {
        assertThat(inPieces(NAMES, piece).isValid()).isTrue();
    }

    @Test
    void refusesAByteThatIsNoUtf8() {
        var bytes = "Jos\u00e9,Müller\n".getBytes(Charset.forName("windows-1252"));
        assertThat(inPieces(bytes, 3).isValid()).isFalse();
    }

    @Test
    void refusesAFileThatEndsInTheMiddleOfACharacter() {
        var bytes = java.util.Arrays.copyOf(NAMES, "José,Müller,jose@example.com,0,A1,648572\n".getBytes(
            StandardCharsets.UTF_8).length + 2);
        assertThat(inPieces(bytes, 4).isValid()).isFalse();
    }

    @Test
    void refusesAnInvalidByteAfterAnyNumberOfValidOnes() {
        var bytes = new byte[300_000];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[200_001] = (byte) 0xC3;
        bytes[200_002] = (byte) 'x';
        assertThat(inPieces(bytes, 64 * 1024).isValid()).isFalse();
        assertThat(inPieces(bytes, 100_000).isValid()).isFalse();
    }

    @Test
    void acceptsAPieceLargerThanItsBuffer() throws IOException {
        var text = "é".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        var check = new Utf8Check();
        check.update(text, 0, text.length);
        assertThat(check.isValid()).isTrue();
        assertThat(Utf8Check.of(new ByteArrayInputStream(text)).isValid()).isTrue();
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomBytes() throws IOException {
        var random = new Random(17);
        for (int i = 0; i < 500; i++) {
            var bytes = new byte[random.nextInt(40)];
            for (int b = 0; b < bytes.length; b++) {
                // Mostly ASCII with some lead and continuation bytes, so that both answers occur.
                bytes[b] = (byte) (random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
            }
            boolean expected;
            try {
                StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
                expected = true;
            } catch (java.nio.charset.CharacterCodingException e) {
                expected = false;
            }
            assertThat(inPieces(bytes, 1 + random.nextInt(5)).isValid()).as(java.util.HexFormat.of().formatHex(bytes))
                .isEqualTo(expected);
        }
    }

    @Test
    void takesNoBytesOnceItHasAnswered() {
        var check = inPieces(NAMES, 8);
        check.isValid();
        assertThatThrownBy(() -> check.update(NAMES, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    private static Utf8Check inPieces(byte[] bytes, int piece) {
        var check = new Utf8Check();
        for (int from = 0; from < bytes.length; from += piece) {
            check.update(bytes, from, Math.min(piece, bytes.length - from));
        }
        return check;
    }
}
