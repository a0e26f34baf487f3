package io.rollcall.importing.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rollcall.error.ErrorCode;

class FormatSnifferTest {

    private static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";
    private static final String ROW = "Ada,Lovelace,ada@example.com,0,A1,648572";
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void readsPlainAsciiAsUtf8WithComma() throws IOException {
        assertThat(sniff(utf8(HEADER + "\n" + ROW + "\n")))
            .isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 0, ','));
    }

    @Test
    void readsUtf8WithoutBom() throws IOException {
        assertThat(sniff(utf8(HEADER + "\nJosé,Müller,jose@example.com,0,A1,648572\n")))
            .isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 0, ','));
    }

    @Test
    void skipsUtf8Bom() throws IOException {
        assertThat(sniff(concat(bytes(0xEF, 0xBB, 0xBF), utf8(HEADER + "\r\n" + ROW))))
            .isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 3, ','));
    }

    @Test
    void readsUtf16LittleEndianWithBom() throws IOException {
        var file = concat(bytes(0xFF, 0xFE), (HEADER.replace(',', ';') + "\r\n").getBytes(StandardCharsets.UTF_16LE));

        assertThat(sniff(file)).isEqualTo(new RosterFormat(StandardCharsets.UTF_16LE, 2, ';'));
    }

    @Test
    void readsUtf16BigEndianWithBom() throws IOException {
        var file = concat(bytes(0xFE, 0xFF), (HEADER.replace(',', '\t') + "\n").getBytes(StandardCharsets.UTF_16BE));

        assertThat(sniff(file)).isEqualTo(new RosterFormat(StandardCharsets.UTF_16BE, 2, '\t'));
    }

    @Test
    void readsInvalidUtf8AsWindows1252() throws IOException {
        var file = concat(utf8(HEADER + "\nJos"), bytes(0xE9), utf8(",Lovelace,jose@example.com,0,A1,648572\n"));

        assertThat(sniff(file)).isEqualTo(new RosterFormat(WINDOWS_1252, 0, ',', true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"José Müller", "Zoë Ängström", "François Lefèvre", "ZOË ÅSTRÖM", "Íñigo Núñez", "Søren Ørsted",
        "Seán O’Brien", "Anne–Marie Lévêque", "Çağla Öztürk", "Björn Ås"})
    void readsNamesInTheLegacyCharsetTheyWereSavedIn(String name) throws IOException {
        var macRoman = Charset.forName("x-MacRoman");
        for (var charset : List.of(WINDOWS_1252, macRoman)) {
            if (!charset.newEncoder().canEncode(name)) {
                continue;
            }
            var file = (HEADER + "\r" + name.replace(' ', ',') + ",someone@example.com,0,A1,648572\r").getBytes(charset);

            var format = sniff(file);

            assertThat(format.charset()).as(name + " saved as " + charset).isEqualTo(charset);
            assertThat(format.charsetGuessed()).isTrue();
        }
    }

    @Test
    void readsAMacFileWithOnlyLettersBothCharsetsCouldMeanByItsLineEnds() throws IOException {
        // 0xA5 is ¥ in Windows-1252 and • in Mac Roman: alone in a field it proves nothing, but Excel for Mac ends lines with CR.
        var row = concat(utf8(HEADER + "\rAda,Lovelace,ada@example.com,0,A1,"), bytes(0xA5), utf8("\r"));

        assertThat(sniff(row).charset()).isEqualTo(Charset.forName("x-MacRoman"));
        assertThat(sniff(concat(utf8(HEADER + "\r\nAda,Lovelace,ada@example.com,0,A1,"), bytes(0xA5), utf8("\r\n")))
            .charset()).isEqualTo(WINDOWS_1252);
    }

    @Test
    void readsAFileInTheEncodingTheUploaderChose() throws IOException {
        var name = "José Müller";
        var macFile = (HEADER + "\n" + name.replace(' ', ',') + ",jose@example.com,0,A1,648572\n")
            .getBytes(Charset.forName("x-MacRoman"));

        assertThat(FormatSniffer.sniff(() -> new ByteArrayInputStream(macFile), FileEncoding.WINDOWS_1252))
            .isEqualTo(new RosterFormat(WINDOWS_1252, 0, ',', false));
        assertThat(FormatSniffer.sniff(() -> new ByteArrayInputStream(macFile), FileEncoding.MACINTOSH))
            .isEqualTo(new RosterFormat(Charset.forName("x-MacRoman"), 0, ',', false));
        assertThatThrownBy(() -> FormatSniffer.sniff(() -> new ByteArrayInputStream(macFile), FileEncoding.UTF_8))
            .isInstanceOfSatisfying(FileRejected.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCODING_MISMATCH));
    }

    @Test
    void readsUtf16WithoutByteOrderMarkWhenChosen() throws IOException {
        var text = HEADER + "\nJosé,Müller,jose@example.com,0,A1,648572\n";

        assertThat(FormatSniffer.sniff(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16LE)),
            FileEncoding.UTF_16)).isEqualTo(new RosterFormat(StandardCharsets.UTF_16LE, 0, ','));
        assertThat(FormatSniffer.sniff(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16BE)),
            FileEncoding.UTF_16)).isEqualTo(new RosterFormat(StandardCharsets.UTF_16BE, 0, ','));
        assertThatThrownBy(() -> FormatSniffer.sniff(() -> new ByteArrayInputStream(utf8(text)), FileEncoding.UTF_16))
            .isInstanceOfSatisfying(FileRejected.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCODING_MISMATCH));
    }

    @Test
    void aByteOrderMarkWinsOverTheChosenEncoding() throws IOException {
        var file = concat(bytes(0xEF, 0xBB, 0xBF), utf8(HEADER + "\nJosé,Müller,jose@example.com,0,A1,648572\n"));

        assertThat(FormatSniffer.sniff(() -> new ByteArrayInputStream(file), FileEncoding.MACINTOSH))
            .isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 3, ','));
    }

    @Test
    void readsAsWindows1252WhenInvalidUtf8ComesAfterTheFirstKilobytes() throws IOException {
        var out = new ByteArrayOutputStream();
        out.writeBytes(utf8(HEADER + "\n"));
        for (int i = 0; i < 5000; i++) {
            out.writeBytes(utf8(ROW + "\n"));
        }
        out.writeBytes(concat(utf8("Ren"), bytes(0xE9), utf8(",Descartes,rene@example.com,0,A2,648572\n")));

        assertThat(sniff(out.toByteArray()).charset()).isEqualTo(WINDOWS_1252);
    }

    @Test
    void readsAsWindows1252WhenFileEndsInsideUtf8Sequence() throws IOException {
        var file = concat(utf8(HEADER + "\nJos"), bytes(0xC3));

        assertThat(sniff(file).charset()).isEqualTo(WINDOWS_1252);
    }

    @Test
    void keepsUtf8WhenMultiByteCharactersStraddleReadBuffers() throws IOException {
        // The validity check reads 64 KiB at a time; characters split across two reads are still valid.
        var out = new ByteArrayOutputStream();
        out.writeBytes(utf8(HEADER + "\n"));
        while (out.size() < 4 * 64 * 1024) {
            out.writeBytes(utf8("Zoë,Ångström,zoe@example.com,0,€𝄞,648572\n"));
        }
        for (int shift = 0; shift < 4; shift++) {
            var file = concat(utf8("x".repeat(shift)), out.toByteArray());

            assertThat(sniff(file).charset()).as("shift %d", shift).isEqualTo(StandardCharsets.UTF_8);
        }
    }

    @Test
    void detectsSemicolonFromHeader() throws IOException {
        var file = utf8(HEADER.replace(',', ';') + "\nAda;Lovelace;ada@example.com;0;A1,5;648572\n");

        assertThat(sniff(file).delimiter()).isEqualTo(';');
    }

    @Test
    void detectsTabFromHeader() throws IOException {
        var file = utf8(HEADER.replace(',', '\t') + "\nAda\tLovelace\tada@example.com\t0\tA1\t648572\n");

        assertThat(sniff(file).delimiter()).isEqualTo('\t');
    }

    @Test
    void detectsDelimiterFromHeaderOnlyNotFromDataRows() throws IOException {
        var file = utf8(HEADER + "\nA;d;a,L;o;v;e;l;a;c;e,a@example.com,0,A1,648572\n");

        assertThat(sniff(file).delimiter()).isEqualTo(',');
    }

    @Test
    void ignoresDelimitersInsideQuotedHeaderCells() {
        assertThat(FormatSniffer.delimiterOf("\"a,b,c,d\";firstName;lastName")).isEqualTo(';');
        assertThat(FormatSniffer.delimiterOf("\"a;b;c;d\",firstName,lastName")).isEqualTo(',');
    }

    @Test
    void fallsBackToCommaForSingleColumnHeader() {
        assertThat(FormatSniffer.delimiterOf("email")).isEqualTo(',');
    }

    @Test
    void rejectsZeroByteFileAsEmpty() {
        var e = reject(new byte[0]);

        assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(e.getMessage()).isEqualTo("The file is empty: it has no header row and no users");
    }

    @Test
    void rejectsFileOfBlankLinesAsEmpty() {
        assertThat(reject(utf8("\n\r\n  \r\t\n")).code()).isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void rejectsFileOfOnlyDelimitersAsEmpty() {
        assertThat(reject(utf8(",,,,,\n;;;;;\n")).code()).isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void rejectsFileOfBlankLineThenOnlyDelimitersAsEmpty() {
        assertThat(reject(utf8("\n,,,,,\n")).code()).isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void rejectsBomOnlyFileAsEmpty() {
        assertThat(reject(bytes(0xEF, 0xBB, 0xBF)).code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(reject(concat(bytes(0xFF, 0xFE), "\r\n\r\n".getBytes(StandardCharsets.UTF_16LE))).code())
            .isEqualTo(ErrorCode.EMPTY_FILE);
    }

    @Test
    void acceptsFileWhoseHeaderFollowsBlankLines() throws IOException {
        // Not empty: the blank first row is the (unusable) header, which the header check reports.
        assertThat(sniff(utf8("\n\n" + HEADER + "\n")).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsExcelWorkbook() {
        var e = reject(concat(bytes('P', 'K', 3, 4, 20, 0, 6, 0), utf8("[Content_Types].xml")));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).isEqualTo("The file is not a CSV file (it looks like an Excel workbook or a "
            + "zip archive). Save it from your spreadsheet as \"CSV UTF-8\" and upload it again");
    }

    @Test
    void rejectsEmptyZipArchive() {
        assertThat(reject(bytes('P', 'K', 5, 6, 0, 0, 0, 0)).getMessage()).contains("an Excel workbook or a zip archive");
    }

    @Test
    void rejectsExcel97Workbook() {
        var e = reject(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).startsWith("The file is not a CSV file (it looks like an Excel 97-2003 workbook).");
    }

    @Test
    void rejectsPdf() {
        var e = reject(utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).startsWith("The file is not a CSV file (it looks like a PDF document).");
    }

    @Test
    void rejectsImages() {
        var png = reject(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
        var jpeg = reject(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F'));
        var gif = reject(utf8("GIF89a"));

        assertThat(png.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(png.getMessage()).startsWith("The file is not a CSV file (it looks like an image).");
        assertThat(jpeg.getMessage()).startsWith("The file is not a CSV file (it looks like an image).");
        assertThat(gif.getMessage()).startsWith("The file is not a CSV file (it looks like an image).");
    }

    @Test
    void rejectsCompressedArchives() {
        var gzip = reject(bytes(0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0));
        var rar = reject(utf8("Rar!\u001A\u0007\u0000"));
        var sevenZip = reject(bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C));

        assertThat(gzip.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(gzip.getMessage()).startsWith("The file is not a CSV file (it looks like a compressed archive).");
        assertThat(rar.getMessage()).startsWith("The file is not a CSV file (it looks like a compressed archive).");
        assertThat(sevenZip.getMessage()).startsWith("The file is not a CSV file (it looks like a compressed archive).");
    }

    @Test
    void rejectsBinaryData() {
        var data = new byte[4096];
        new Random(42).nextBytes(data);
        data[0] = 'x';

        var e = reject(data);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).startsWith("The file is not a CSV file (it looks like binary data).");
    }

    @Test
    void rejectsUtf16WithoutBomAsBinary() {
        var e = reject((HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_16LE));

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).contains("binary data");
    }

    @Test
    void acceptsSingleNulByteInField() throws IOException {
        // One stray NUL is the row's problem (INVALID_CHARACTER), not the file's.
        var file = utf8(HEADER + "\nAda\u0000,Lovelace,ada@example.com,0,A1,648572\n");

        assertThat(sniff(file)).isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 0, ','));
    }

    @Test
    void acceptsFewControlCharacters() throws IOException {
        var file = utf8(HEADER + "\nAda\u0001,Love\u0007lace,ada@example.com,0,A1\u001B,648572\n");

        assertThat(sniff(file).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsOnlyTheHeadOfAFileWhoseUtf8CheckWasMadeAsItArrived() throws IOException {
        var file = utf8(HEADER + "\n" + (ROW + "\n").repeat(100_000));
        var check = new Utf8Check();
        check.update(file, 0, file.length);
        var read = new long[1];
        var format = FormatSniffer.sniff(() -> new java.io.FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                read[0] += Math.max(n, 0);
                return n;
            }
        }, FileEncoding.AUTO, check);
        assertThat(format).isEqualTo(new RosterFormat(StandardCharsets.UTF_8, 0, ','));
        assertThat(read[0]).isLessThanOrEqualTo(8192);
    }

    @Test
    void takesTheUtf8CheckMadeAsTheFileArrived() throws IOException {
        var file = (HEADER + "\nJosé,Müller,jose@example.com,0,A1,648572\n").getBytes(WINDOWS_1252);
        var check = new Utf8Check();
        check.update(file, 0, file.length);
        assertThat(catchThrowableOfType(FileRejected.class, () -> FormatSniffer.sniff(
            () -> new ByteArrayInputStream(file), FileEncoding.UTF_8, check)).code())
            .isEqualTo(ErrorCode.ENCODING_MISMATCH);
    }

    private static RosterFormat sniff(byte[] file) throws IOException {
        return FormatSniffer.sniff(() -> new ByteArrayInputStream(file));
    }

    private static FileRejected reject(byte[] file) {
        var e = catchThrowableOfType(FileRejected.class, () -> sniff(file));
        assertThat(e).as("sniffing %s should be rejected", Arrays.toString(Arrays.copyOf(file, Math.min(16, file.length))))
            .isNotNull();
        return e;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        var bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
