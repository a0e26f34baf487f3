package io.rollcall.importing.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.Limits;

/**
 * A second, deliberately naive reading of the file rules of the contract, written apart from
 * {@code importing.parse}: decode, split into records (a quoted field may hold delimiters, line
 * breaks and doubled quotes), number them as spreadsheet rows. It answers which file error a file
 * must be, so that the fuzz test can tell when the real pipeline let one through.
 */
final class Reference {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Reference() {
    }

    /** One record: its spreadsheet row and its fields. */
    record Record(long row, List<String> fields) {

        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** The file error the contract demands for this file, or null when it may be imported. */
    static ErrorCode fileErrorOf(byte[] file) {
        if (startsWith(file, 'P', 'K', 3, 4) || startsWith(file, '%', 'P', 'D', 'F')
                || startsWith(file, 0x89, 'P', 'N', 'G') || startsWith(file, 'G', 'I', 'F', '8')
                || startsWith(file, 0xFF, 0xD8, 0xFF) || startsWith(file, 0x1F, 0x8B)) {
            return ErrorCode.NOT_CSV;
        }
        var text = decode(file);
        if (text.chars().allMatch(c -> Character.isWhitespace(c) || c == ',' || c == ';')) {
            return ErrorCode.EMPTY_FILE;
        }
        var records = records(text, delimiterOf(text));
        if (records == null) {
            return ErrorCode.MALFORMED_CSV;
        }
        for (var record : records) {
            long chars = record.fields().size() - 1;
            for (var field : record.fields()) {
                if (field.length() > Limits.MAX_FIELD_CHARS) {
                    return ErrorCode.FIELD_TOO_LARGE;
                }
                chars += field.length();
            }
            // The values and delimiters alone, without quotes: the row as written is at least this long.
            if (chars > Limits.MAX_ROW_CHARS) {
                return ErrorCode.ROW_TOO_LARGE;
            }
        }
        if (records.get(0).fields().size() > Header.MAX_COLUMNS) {
            return ErrorCode.TOO_MANY_COLUMNS;
        }
        long dataRows = records.stream().skip(1).filter(r -> !r.blank()).count();
        if (dataRows > RosterPipeline.MAX_ROWS) {
            return ErrorCode.TOO_MANY_ROWS;
        }
        return null;
    }

    /** The text of the file, a file that is not UTF-8 read as Windows-1252: its rows have the same shape in Mac Roman. */
    static String decode(byte[] file) {
        return decode(file, WINDOWS_1252);
    }

    /**
     * The text of the file, as the contract says to decode it, reading a file that is not UTF-8 in
     * the legacy character set the sniffer chose: it must be Windows-1252 or Mac Roman, the two that
     * Excel writes; which of the two is the guess's business ({@code FormatSnifferTest}).
     */
    static String decode(byte[] file, Charset legacy) {
        if (startsWith(file, 0xEF, 0xBB, 0xBF)) {
            return new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(file, 0xFF, 0xFE)) {
            return new String(file, 2, file.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(file, 0xFE, 0xFF)) {
            return new String(file, 2, file.length - 2, StandardCharsets.UTF_16BE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            assertThat(legacy.name()).as("the character set of a file that is not UTF-8").isIn("windows-1252", "x-MacRoman");
            return new String(file, legacy);
        }
    }

    /** Comma unless the first line has more semicolons or tabs (outside quotes). */
    static char delimiterOf(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r'; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (commas >= semicolons && commas >= tabs) {
            return ',';
        }
        return semicolons >= tabs ? ';' : '\t';
    }

    /** Every record with its row number (blank ones too); null when a quoted field is never closed. */
    static List<Record> records(String text, char delimiter) {
        var records = new ArrayList<Record>();
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                    afterQuote = true;
                } else if (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    field.append('\n'); // a lone CR is a line break: read as LF, as a spreadsheet shows it
                } else {
                    field.append(c);
                }
                continue;
            }
            if (afterQuote && c == '"') {
                field.append('"');
                quoted = true;
                afterQuote = false;
                continue;
            }
            afterQuote = false;
            if (fieldStart && c == '"') {
                quoted = true;
                fieldStart = false;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(new Record(records.size() + 1, List.copyOf(fields)));
                fields.clear();
                fieldStart = true;
                any = false;
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                field.append(c);
                fieldStart = false;
            }
        }
        if (quoted) {
            return null;
        }
        if (any) {
            fields.add(field.toString());
            records.add(new Record(records.size() + 1, List.copyOf(fields)));
        }
        return records;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != (byte) prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
