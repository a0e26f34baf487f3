package io.rollcall.importing.parse;

import static io.rollcall.importing.parse.FormatSnifferTest.bytes;
import static io.rollcall.importing.parse.FormatSnifferTest.concat;
import static io.rollcall.importing.parse.FormatSnifferTest.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcall.error.ErrorCode;

class RosterReaderTest {

    private static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";
    private static final String ADA = "Ada,Lovelace,ada@example.com,0,A1,648572";
    private static final String ALAN = "Alan,Turing,alan@example.com,1,A2,648572";

    @Test
    void numbersFirstDataRowTwo() throws IOException {
        assertThat(read(HEADER + "\n" + ADA + "\n" + ALAN + "\n")).containsExactly(
            new ParsedRow(2, List.of("Ada", "Lovelace", "ada@example.com", "0", "A1", "648572")),
            new ParsedRow(3, List.of("Alan", "Turing", "alan@example.com", "1", "A2", "648572")));
    }

    @Test
    void readsLastRowWithoutLineBreak() throws IOException {
        assertThat(rowNumbers(HEADER + "\n" + ADA)).containsExactly(2L);
    }

    @Test
    void readsHeaderOnlyFileAsNoRows() throws IOException {
        assertThat(read(HEADER + "\r\n")).isEmpty();
    }

    @Test
    void countsBlankLinesAsRowsAndSkipsThem() throws IOException {
        assertThat(rowNumbers(HEADER + "\n\n" + ADA + "\n\n\n" + ALAN + "\n\n")).containsExactly(3L, 6L);
    }

    @Test
    void countsRowsOfOnlyDelimitersAndSpacesAsBlank() throws IOException {
        assertThat(rowNumbers(HEADER + "\n,,,,,\n  , ,\n" + ADA + "\n")).containsExactly(4L);
    }

    @Test
    void countsQuotedFieldWithLineBreaksAsOneRow() throws IOException {
        var rows = read(HEADER + "\n\"Ada\nAugusta\",Lovelace,ada@example.com,0,A1,648572\n"
            + "\"Alan\r\nMathison\r\",Turing,alan@example.com,1,A2,648572\n" + ADA + "\n");

        assertThat(rows).extracting(ParsedRow::row).containsExactly(2L, 3L, 4L);
        assertThat(rows.get(0).fields().get(0)).isEqualTo("Ada\nAugusta");
        // A lone CR inside quotes is handed on as LF (FastCSV loses fields otherwise); CRLF stays.
        assertThat(rows.get(1).fields().get(0)).isEqualTo("Alan\r\nMathison\n");
    }

    @Test
    void keepsTheRowAfterAQuotedLastFieldHoldingALoneCarriageReturn() throws IOException {
        // Found by fuzzing: FastCSV dropped the quoted field and merged the next line into the row.
        var rows = read(HEADER + ",notes\n" + ADA + ",\"line one\rline two\"\n" + ALAN + "\n"
            + "Ann,Other,ann@example.com,0,A3,648572,\"x\r\"\n\n" + ADA.replace("A1", "A4") + "\n");

        assertThat(rows).extracting(ParsedRow::row).containsExactly(2L, 3L, 4L, 6L);
        assertThat(rows.get(0).fields()).hasSize(7).last().isEqualTo("line one\nline two");
        assertThat(rows.get(1).fields()).containsExactly("Alan", "Turing", "alan@example.com", "1", "A2", "648572");
        assertThat(rows.get(2).fields()).last().isEqualTo("x\n");
    }

    @Test
    void endsRowsAtLf() throws IOException {
        assertThat(rowNumbers(HEADER + "\n" + ADA + "\n\n" + ALAN + "\n")).containsExactly(2L, 4L);
    }

    @Test
    void endsRowsAtCr() throws IOException {
        assertThat(rowNumbers(HEADER + "\r" + ADA + "\r\r" + ALAN + "\r")).containsExactly(2L, 4L);
    }

    @Test
    void endsRowsAtCrlf() throws IOException {
        assertThat(rowNumbers(HEADER + "\r\n" + ADA + "\r\n\r\n" + ALAN + "\r\n")).containsExactly(2L, 4L);
    }

    @Test
    void endsRowsAtMixedLineBreaks() throws IOException {
        assertThat(rowNumbers(HEADER + "\r\n" + ADA + "\r\r\n" + ALAN + "\n\r" + ADA + "\n"))
            .containsExactly(2L, 4L, 6L);
    }

    @Test
    void keepsValuesAsUploaded() throws IOException {
        var rows = read(HEADER + "\n Ada , \"Love, lace\" ,\"ada@example.com\",\"0\",\"A\"\"1\",648572\n");

        assertThat(rows).singleElement().extracting(ParsedRow::fields)
            .isEqualTo(List.of(" Ada ", " \"Love", " lace\" ", "ada@example.com", "0", "A\"1", "648572"));
    }

    @Test
    void keepsShortAndLongRowsAsTheyAre() throws IOException {
        var rows = read(HEADER + "\nAda,Lovelace\n" + ADA + ",extra\n");

        assertThat(rows).extracting(ParsedRow::fields).containsExactly(
            List.of("Ada", "Lovelace"),
            List.of("Ada", "Lovelace", "ada@example.com", "0", "A1", "648572", "extra"));
    }

    @Test
    void readsHeaderBeforeFirstRow() throws IOException {
        try (var reader = open(utf8("schoolID,email,firstName,lastName,isTeacher,issuedID,Grade\n"
                + "648572,ada@example.com,Ada,Lovelace,0,A1,7\n"))) {
            var row = reader.next().orElseThrow();
            var header = reader.header();

            assertThat(header.value(row.fields(), Column.EMAIL)).isEqualTo("ada@example.com");
            assertThat(header.unknownColumns()).containsExactly("Grade");
            assertThat(reader.header()).isSameAs(header);
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void ignoresUtf8Bom() throws IOException {
        try (var reader = open(concat(bytes(0xEF, 0xBB, 0xBF), utf8(HEADER + "\r\n" + ADA + "\r\n")))) {
            assertThat(reader.header().cells().get(0)).isEqualTo("firstName");
            assertThat(reader.next()).contains(
                new ParsedRow(2, List.of("Ada", "Lovelace", "ada@example.com", "0", "A1", "648572")));
        }
    }

    @Test
    void ignoresUtf8BomBeforeQuotedHeaderCell() throws IOException {
        var file = concat(bytes(0xEF, 0xBB, 0xBF), utf8("\"firstName\"," + HEADER.substring(10) + "\n" + ADA));

        try (var reader = open(file)) {
            assertThat(reader.header().unknownColumns()).isEmpty();
            assertThat(reader.next()).map(ParsedRow::row).contains(2L);
        }
    }

    @Test
    void readsUtf8() throws IOException {
        var rows = read(HEADER + "\nJosé,Ångström-Zoë,jose@example.com,0,€1,648572\n");

        assertThat(rows.get(0).fields()).startsWith("José", "Ångström-Zoë", "jose@example.com", "0", "€1");
    }

    @Test
    void readsUtf16LittleEndianWithBom() throws IOException {
        var file = concat(bytes(0xFF, 0xFE), (HEADER + "\r\nJosé,Zoë,jose@example.com,0,€1,648572\r\n")
            .getBytes(StandardCharsets.UTF_16LE));

        assertThat(read(file)).containsExactly(
            new ParsedRow(2, List.of("José", "Zoë", "jose@example.com", "0", "€1", "648572")));
    }

    @Test
    void readsUtf16BigEndianWithBom() throws IOException {
        var file = concat(bytes(0xFE, 0xFF), (HEADER.replace(',', '\t') + "\n\nJosé\tZoë\tjose@example.com\t0\tA1\t648572")
            .getBytes(StandardCharsets.UTF_16BE));

        assertThat(read(file)).containsExactly(
            new ParsedRow(3, List.of("José", "Zoë", "jose@example.com", "0", "A1", "648572")));
    }

    @Test
    void readsInvalidUtf8AsWindows1252() throws IOException {
        var file = concat(utf8(HEADER + "\nJos"), bytes(0xE9), utf8(",Lovelace,jose@example.com,0,"),
            bytes(0x80), utf8("1,648572\n"));

        assertThat(read(file)).singleElement().extracting(ParsedRow::fields)
            .isEqualTo(List.of("José", "Lovelace", "jose@example.com", "0", "€1", "648572"));
    }

    @Test
    void readsSemicolonSeparatedFile() throws IOException {
        var rows = read(HEADER.replace(',', ';') + "\nAda;\"Love;lace\";ada@example.com;0;A,1;648572\n");

        assertThat(rows).singleElement().extracting(ParsedRow::fields)
            .isEqualTo(List.of("Ada", "Love;lace", "ada@example.com", "0", "A,1", "648572"));
    }

    @Test
    void readsTabSeparatedFile() throws IOException {
        var rows = read(HEADER.replace(',', '\t') + "\nAda\tLove, lace\tada@example.com\t0\tA;1\t648572\n");

        assertThat(rows).singleElement().extracting(ParsedRow::fields)
            .isEqualTo(List.of("Ada", "Love, lace", "ada@example.com", "0", "A;1", "648572"));
    }

    @Test
    void readsNulByteAsPartOfField() throws IOException {
        var rows = read(HEADER + "\nAda\u0000,Lovelace,ada@example.com,0,A1,648572\n");

        assertThat(rows).singleElement().extracting(r -> r.fields().get(0)).isEqualTo("Ada\u0000");
    }

    @Test
    void reportsHeaderErrors() {
        var e = reject(HEADER.replace("email,", "").replace(",schoolID", "") + "\n" + ADA);

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("Missing required fields: email, schoolID");
        assertThat(e.missingFields()).containsExactly("email", "schoolID");
    }

    @Test
    void reportsDuplicateColumn() {
        var e = reject(HEADER + ",Email\n");

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
        assertThat(e.getMessage()).isEqualTo("Column email appears more than once in the header");
    }

    @Test
    void reportsTooManyColumns() {
        var e = reject(HEADER + ",x".repeat(995) + "\n" + ADA);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("The header has 1001 columns; at most 1000 are allowed");
    }

    @Test
    void reportsTooManyColumnsBeyondTheCsvParsersOwnFieldLimit() {
        // FastCSV gives up at 16,384 fields in one record, before Header can count them.
        var e = reject(HEADER + ",x".repeat(20_000 - 6) + "\n" + ADA);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
        assertThat(e.getMessage()).startsWith("The header has at least ").endsWith(" columns; at most 1000 are allowed");
    }

    @Test
    void namesADataRowWithMoreCellsThanTheCsvParserTakes() {
        var e = reject(HEADER + "\n" + ADA + "\n" + ALAN + ",x".repeat(20_000) + "\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 3: the row has more than 16384 cells");
    }

    @Test
    void reportsTooManyColumnsInAHeaderOfEmptyCells() {
        var e = reject(",".repeat(20_000) + "\n" + ADA);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
    }

    @Test
    void rejectsFileWithoutRecordsAsEmpty() throws IOException {
        try (var reader = RosterReader.open(new ByteArrayInputStream(new byte[0]),
                new RosterFormat(StandardCharsets.UTF_8, 0, ','), 10)) {
            var e = catchThrowableOfType(FileRejected.class, reader::header);

            assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE);
            assertThat(e.getMessage()).isEqualTo("The file is empty: it has no header row");
        }
    }

    @Test
    void acceptsACellOfExactlyTheLimit() throws IOException {
        var cell = "x".repeat(Limits.MAX_FIELD_CHARS);
        var quoted = "\"" + "\"\"".repeat(Limits.MAX_FIELD_CHARS) + "\"";

        var rows = read(HEADER + ",notes\n" + ADA + "," + cell + "\n" + ADA + "," + quoted + "\n");

        assertThat(rows).extracting(r -> r.fields().get(6).length()).containsExactly(Limits.MAX_FIELD_CHARS,
            Limits.MAX_FIELD_CHARS);
    }

    @Test
    void namesTheRowOfACellLongerThanTheLimit() {
        var e = reject(HEADER + ",notes\n" + ADA + ",ok\n\n" + ADA + "," + "x".repeat(Limits.MAX_FIELD_CHARS + 1)
            + "\n" + ALAN + ",ok\n");

        assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
        assertThat(e.getMessage()).startsWith("Row 4 has a cell longer than 65536 characters");
    }

    @Test
    void namesTheRowWhereALongQuotedCellStarts() {
        var e = reject(HEADER + ",notes\n" + ADA + ",\"" + "line\n".repeat(Limits.MAX_FIELD_CHARS / 5 + 1) + "\"\n");

        assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
        assertThat(e.getMessage()).startsWith("Row 2 has a cell longer than 65536 characters");
    }

    @Test
    void refusesAHugeHeaderCellBeforeBufferingIt() {
        // 14 million characters in one cell, as in the upload that once exhausted the memory.
        var huge = new byte[14_000_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        var file = concat(utf8(HEADER + ","), huge, utf8("\n" + ADA + "\n"));

        var e = catchThrowableOfType(FileRejected.class, () -> read(file));

        assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
        assertThat(e.getMessage()).startsWith("Row 1 has a cell longer");
    }

    @Test
    void refusesARowLongerThanTheLimit() {
        var cells = (",\"" + "y".repeat(60_000) + "\"").repeat(Limits.MAX_ROW_CHARS / 60_000 + 1);

        var e = reject(HEADER + "\n" + ADA + "\n" + ALAN + cells + "\n");

        assertThat(e.code()).isEqualTo(ErrorCode.ROW_TOO_LARGE);
        assertThat(e.getMessage()).startsWith("Row 3 is longer than 1048576 characters");
    }

    @Test
    void namesRowWhereUnclosedQuoteStarts() {
        var e = reject(HEADER + "\n" + ADA + "\n\n\"Alan,Turing,alan@example.com,1,A2,648572\n" + ADA + "\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 4: a quoted field is never closed");
    }

    @Test
    void namesRowOfUnclosedQuoteAfterQuotedLineBreaks() {
        var e = reject(HEADER + "\n\"Ada\nAugusta\",Lovelace,ada@example.com,0,A1,648572\r\n"
            + "Alan,\"Turing,alan@example.com,1,A2,648572\r\n" + ADA + "\r\n");

        assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 3: a quoted field is never closed");
    }

    @Test
    void returnsNoRowBeforeReportingUnclosedQuote() throws IOException {
        // The broken row swallows the rest of the file; it must not reach the validator as a row.
        try (var reader = open(utf8(HEADER + "\n" + ADA + "\n\"Alan,Turing\n" + ALAN + "\n"))) {
            assertThat(reader.next()).map(ParsedRow::row).contains(2L);

            var e = catchThrowableOfType(FileRejected.class, reader::next);

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 3: a quoted field is never closed");
        }
    }

    @Test
    void readsManyQuotedLineBreaksAcrossReadBuffers() throws IOException {
        var csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 5000; i++) {
            csv.append("\"Ada\r\nAugusta ").append(i).append("\",\"Love\nlace\",ada").append(i)
                .append("@example.com,0,A").append(i).append(",648572\r\n");
        }

        var rows = read(csv.toString());

        assertThat(rows).hasSize(5000);
        assertThat(rows.get(4999)).isEqualTo(new ParsedRow(5001,
            List.of("Ada\r\nAugusta 4999", "Love\nlace", "ada4999@example.com", "0", "A4999", "648572")));
    }

    @Test
    void namesRowOfUnclosedQuoteOnlyDataRow() {
        var e = reject(HEADER + "\r\n\r\nAda,Lovelace,\"ada@example.com,0,A1,648572");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 3: a quoted field is never closed");
    }

    @Test
    void namesRowOneForUnclosedQuoteInHeader() {
        var e = reject("\"firstName,lastName,email,isTeacher,issuedID,schoolID\n" + ADA + "\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("Malformed CSV at row 1: a quoted field is never closed");
    }

    @Test
    void namesRowOfTextAfterClosingQuote() {
        var e = reject(HEADER + "\n" + ADA + "\n\n\"Alan\"x,Turing,alan@example.com,1,A2,648572\n" + ADA + "\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo(
            "Malformed CSV at row 4: a quoted field has text after its closing quote, or a field is too long");
    }

    @Test
    void namesRowOfTextAfterClosingQuoteAfterQuotedLineBreak() {
        var e = reject(HEADER + "\n\"Ada\nAugusta\",Lovelace,ada@example.com,0,A1,648572\n"
            + "Alan,\"Turing\"x,alan@example.com,1,A2,648572\n");

        assertThat(e.getMessage()).startsWith("Malformed CSV at row 3: ");
    }

    @Test
    void acceptsAsManyRowsAsTheLimit() throws IOException {
        try (var reader = open(utf8(HEADER + "\n" + ADA + "\n" + ALAN + "\n"), 2)) {
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isPresent();
            assertThat(reader.next()).isEmpty();
        }
    }

    @Test
    void rejectsMoreRowsThanTheLimit() throws IOException {
        try (var reader = open(utf8(HEADER + "\n" + ADA + "\n" + ALAN + "\n" + ADA + "\n"), 2)) {
            reader.next();
            reader.next();

            var e = catchThrowableOfType(FileRejected.class, reader::next);

            assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
            assertThat(e.getMessage()).isEqualTo("The file has more than 2 rows; split it into smaller files");
        }
    }

    @Test
    void countsOnlyNonBlankRowsAgainstTheLimit() throws IOException {
        var rows = read(utf8(HEADER + "\n\n\n" + ADA + "\n\n,,,\n" + ALAN + "\n\n\n"), 2);

        assertThat(rows).extracting(ParsedRow::row).containsExactly(4L, 7L);
    }

    private static List<ParsedRow> read(String csv) throws IOException {
        return read(utf8(csv));
    }

    private static List<ParsedRow> read(byte[] file) throws IOException {
        return read(file, 1_000_000);
    }

    private static List<ParsedRow> read(byte[] file, long maxRows) throws IOException {
        var rows = new ArrayList<ParsedRow>();
        try (var reader = open(file, maxRows)) {
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    private static List<Long> rowNumbers(String csv) throws IOException {
        return read(csv).stream().map(ParsedRow::row).toList();
    }

    private static RosterReader open(byte[] file) throws IOException {
        return open(file, 1_000_000);
    }

    private static RosterReader open(byte[] file, long maxRows) throws IOException {
        var format = FormatSniffer.sniff(() -> new ByteArrayInputStream(file));
        return RosterReader.open(new ByteArrayInputStream(file), format, maxRows);
    }

    private static FileRejected reject(String csv) {
        var e = catchThrowableOfType(FileRejected.class, () -> read(csv));
        assertThat(e).as("reading should be rejected").isNotNull();
        return e;
    }

    @Test
    void refusesAWrongHeaderWithoutReadingTheRestOfTheFile() throws IOException {
        var file = utf8("firstName,lastName,mail,isTeacher,issuedID,schoolID\n" + (ADA + "\n").repeat(200_000));
        var read = new long[1];
        var in = new java.io.FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        try (var reader = RosterReader.open(in, new RosterFormat(StandardCharsets.UTF_8, 0, ','), 1_000_000)) {
            assertThat(catchThrowableOfType(FileRejected.class, reader::header).code())
                .isEqualTo(ErrorCode.MISSING_FIELDS);
        }
        assertThat(read[0]).as("bytes read of " + file.length).isLessThan(64 * 1024);
    }
}
