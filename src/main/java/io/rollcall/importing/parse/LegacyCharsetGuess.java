package io.rollcall.importing.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Tells a Windows-1252 file (Excel on Windows, "CSV (Comma delimited)") from a Mac Roman one (Excel
 * for Mac, "CSV (Macintosh)") when the file is not UTF-8. Both read any byte; what differs is whether
 * the words come out as names are written. Each candidate reads every byte above 127, and a word
 * holding such a character scores up when its letters are cased as names are ("José", "ZOË",
 * "müller") and down when they are not ("JosŽ", "MŸller", "JosÈ"); a symbol inside a word or a byte
 * the character set leaves undefined scores down too. On a tie, a file whose lines end in CR alone
 * (as Mac exports do) is Mac Roman, anything else Windows-1252.
 */
final class LegacyCharsetGuess {

    static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");

    private LegacyCharsetGuess() {
    }

    static Charset guess(InputStream in) throws IOException {
        var windows = new Scorer(FormatSniffer.WINDOWS_1252);
        var mac = new Scorer(MAC_ROMAN);
        boolean sawCr = false;
        boolean sawLf = false;
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                int b = buffer[i] & 0xFF;
                sawCr |= b == '\r';
                sawLf |= b == '\n';
                windows.accept(b);
                mac.accept(b);
            }
        }
        windows.endWord();
        mac.endWord();
        if (mac.score != windows.score) {
            return mac.score > windows.score ? MAC_ROMAN : FormatSniffer.WINDOWS_1252;
        }
        return sawCr && !sawLf ? MAC_ROMAN : FormatSniffer.WINDOWS_1252;
    }

    /** Reads the bytes as one character set and keeps the running score of how name-like the words are. */
    private static final class Scorer {
        private static final int PLAUSIBLE = 2;
        private static final int IMPLAUSIBLE = -2;
        private static final int SYMBOL_IN_WORD = -3;
        private static final int UNDEFINED = -5;

        private final char[] table = new char[256];
        private int score;
        // the word being read: its letters' cases and how many of them came from bytes above 127
        private int letters;
        private int uppers;
        private boolean firstUpper;
        private int highLetters;
        private boolean symbolBefore;

        Scorer(Charset charset) {
            var decoder = charset.newDecoder().onUnmappableCharacter(CodingErrorAction.REPLACE)
                .onMalformedInput(CodingErrorAction.REPLACE);
            for (int b = 0; b < 256; b++) {
                try {
                    table[b] = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
                } catch (java.nio.charset.CharacterCodingException e) {
                    table[b] = '\uFFFD';
                }
            }
        }

        void accept(int b) {
            char c = table[b];
            if (c == '\uFFFD') {
                score += UNDEFINED;
                endWord();
                symbolBefore = false;
            } else if (Character.isLetter(c)) {
                if (symbolBefore) {
                    score += SYMBOL_IN_WORD;
                }
                symbolBefore = false;
                addLetter(c, b >= 0x80);
            } else {
                boolean afterLetter = letters > 0;
                endWord();
                symbolBefore = false;
                // A symbol touching a letter is unlike a name; apostrophes and dashes are not.
                if (b >= 0x80 && !isPunctuationInNames(c)) {
                    if (afterLetter) {
                        score += SYMBOL_IN_WORD;
                    } else {
                        symbolBefore = true;
                    }
                }
            }
        }

        private static boolean isPunctuationInNames(char c) {
            return c == '\u2019' || c == '\u2018' || c == '\u2013' || c == '\u2014' || c == '\u00A0';
        }

        private void addLetter(char c, boolean high) {
            boolean upper = Character.isUpperCase(c);
            if (letters == 0) {
                firstUpper = upper;
            }
            letters++;
            uppers += upper ? 1 : 0;
            highLetters += high ? 1 : 0;
        }

        void endWord() {
            if (highLetters > 0) {
                boolean allLower = uppers == 0;
                boolean allUpper = uppers == letters;
                boolean capitalized = firstUpper && uppers == 1;
                score += (allLower || allUpper || capitalized ? PLAUSIBLE : IMPLAUSIBLE) * highLetters;
            }
            letters = 0;
            uppers = 0;
            firstUpper = false;
            highLetters = 0;
        }
    }
}
