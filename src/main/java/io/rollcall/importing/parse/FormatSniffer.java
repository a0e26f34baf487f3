package io.rollcall.importing.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

import io.rollcall.error.ErrorCode;

/**
 * Decides how to read an uploaded file before any row is parsed: rejects what is not a CSV file
 * at all (workbooks, PDFs, images, archives) or is empty, picks the character set (UTF-8 with or
 * without BOM, UTF-16 with BOM, otherwise Windows-1252 or Mac Roman, whichever reads the names
 * better, when the bytes are not valid UTF-8; or the uploader's choice) and the delimiter (comma,
 * or semicolon or tab when the header row uses those instead).
 */
public final class FormatSniffer {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int SAMPLE = 8192;

    private FormatSniffer() {
    }

    /** {@link #sniff(Supplier, FileEncoding)} with the character set detected. */
    public static RosterFormat sniff(Supplier<InputStream> file) throws IOException {
        return sniff(file, FileEncoding.AUTO);
    }

    /**
     * @param file opens the file from its start, as often as needed
     * @param encoding the uploader's choice; a byte order mark wins over it, as it names the
     *     character set for certain
     * @throws FileRejected NOT_CSV, EMPTY_FILE, or ENCODING_MISMATCH when the file cannot be in the
     *     chosen character set
     */
    public static RosterFormat sniff(Supplier<InputStream> file, FileEncoding encoding) throws IOException {
        return sniff(file, encoding, () -> {
            try (var in = file.get()) {
                return Utf8Check.of(in);
            }
        });
    }

    // What reads the whole file to tell whether it is UTF-8, only when the choice depends on it.
    private interface WholeFileCheck {
        Utf8Check read() throws IOException;
    }

    /**
     * {@link #sniff(Supplier, FileEncoding)} with the UTF-8 check of the whole file made elsewhere
     * (as the file was received), so that choosing the character set reads only its head here.
     *
     * @param utf8 a check that has seen every byte of the file
     */
    public static RosterFormat sniff(Supplier<InputStream> file, FileEncoding encoding, Utf8Check utf8)
            throws IOException {
        return sniff(file, encoding, () -> utf8);
    }

    private static RosterFormat sniff(Supplier<InputStream> file, FileEncoding encoding, WholeFileCheck utf8)
            throws IOException {
        byte[] head;
        try (var in = file.get()) {
            head = in.readNBytes(SAMPLE);
        }
        rejectBinary(head);
        Charset charset;
        int bom = 0;
        boolean guessed = false;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            bom = 3;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        } else if (encoding == FileEncoding.UTF_16) {
            charset = utf16ByteOrder(head);
        } else {
            rejectControlHeavy(head);
            charset = switch (encoding) {
                case UTF_8 -> {
                    if (!utf8.read().isValid()) {
                        throw new FileRejected(ErrorCode.ENCODING_MISMATCH, "The file is not valid UTF-8, the encoding"
                            + " chosen under File options. Choose the encoding it was saved in, or Automatic");
                    }
                    yield StandardCharsets.UTF_8;
                }
                case WINDOWS_1252, MACINTOSH -> encoding.charset();
                default -> {
                    if (utf8.read().isValid()) {
                        yield StandardCharsets.UTF_8;
                    }
                    guessed = true;
                    try (var in = file.get()) {
                        yield LegacyCharsetGuess.guess(in);
                    }
                }
            };
        }
        var firstLine = firstLine(head, bom, charset);
        if (isBlank(firstLine) && isBlank(file, bom, charset)) {
            throw new FileRejected(ErrorCode.EMPTY_FILE, "The file is empty: it has no header row and no users");
        }
        return new RosterFormat(charset, bom, delimiterOf(firstLine), guessed);
    }

    // UTF-16 without a byte order mark: ASCII text has its zero bytes first (big-endian) or second.
    private static Charset utf16ByteOrder(byte[] head) {
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < head.length; i++) {
            if (head[i] == 0) {
                if (i % 2 == 0) {
                    zeroEven++;
                } else {
                    zeroOdd++;
                }
            }
        }
        if (zeroEven == 0 && zeroOdd == 0) {
            throw new FileRejected(ErrorCode.ENCODING_MISMATCH, "The file is not UTF-16, the encoding chosen under"
                + " File options. Choose the encoding it was saved in, or Automatic");
        }
        return zeroEven > zeroOdd ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
    }

    private static void rejectBinary(byte[] head) {
        String kind = null;
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            kind = "an Excel workbook or a zip archive";
        } else if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            kind = "an Excel 97-2003 workbook";
        } else if (startsWith(head, '%', 'P', 'D', 'F')) {
            kind = "a PDF document";
        } else if (startsWith(head, 0x89, 'P', 'N', 'G') || startsWith(head, 0xFF, 0xD8, 0xFF)
                || startsWith(head, 'G', 'I', 'F', '8')) {
            kind = "an image";
        } else if (startsWith(head, 0x1F, 0x8B) || startsWith(head, 'R', 'a', 'r', '!')
                || startsWith(head, '7', 'z', 0xBC, 0xAF)) {
            kind = "a compressed archive";
        }
        if (kind != null) {
            throw notCsv(kind);
        }
    }

    // A text file has few control characters; a binary one many. One stray NUL stays a row error.
    private static void rejectControlHeavy(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                control++;
            }
        }
        if (head.length > 0 && control * 10 > head.length) {
            throw notCsv("binary data");
        }
    }

    private static FileRejected notCsv(String kind) {
        return new FileRejected(ErrorCode.NOT_CSV, "The file is not a CSV file (it looks like " + kind
            + "). Save it from your spreadsheet as \"CSV UTF-8\" and upload it again");
    }

    private static boolean isBlank(Supplier<InputStream> file, int bom, Charset charset) throws IOException {
        try (var in = file.get()) {
            in.skipNBytes(bom);
            var reader = new java.io.InputStreamReader(in, charset);
            var buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) > 0) {
                if (!isBlank(CharBuffer.wrap(buffer, 0, n))) {
                    return false;
                }
            }
            return true;
        }
    }

    // Blank as the reader sees a row: only spaces and delimiters, as a spreadsheet saves empty rows.
    private static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != ',' && c != ';') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(byte[] head, int bom, Charset charset) {
        var text = new String(head, bom, head.length - bom, charset);
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(0, end);
    }

    static char delimiterOf(String headerLine) {
        int commas = count(headerLine, ',');
        int semicolons = count(headerLine, ';');
        int tabs = count(headerLine, '\t');
        if (commas >= semicolons && commas >= tabs) {
            return ',';
        }
        return semicolons >= tabs ? ';' : '\t';
    }

    private static int count(String text, char wanted) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == wanted && !quoted) {
                n++;
            }
        }
        return n;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        return data.length >= prefix.length
            && Arrays.equals(Arrays.copyOf(data, prefix.length), toBytes(prefix));
    }

    private static byte[] toBytes(int[] values) {
        var bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
