import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the spreadsheet exports the import is tested with: the same small roster saved as each
 * program and locale saves a CSV file (encoding, byte order mark, delimiter, line ends, quoting,
 * header names, isTeacher values). Built here, never downloaded, so that each byte is explained.
 *
 * <p>Run from the repository root: {@code java src/test/resources/exports/MakeExports.java
 * src/test/resources/exports}. {@code SpreadsheetExportTests} checks that the folder is what this
 * program writes.
 */
public class MakeExports {

    /** Four people who import, and one whose email a spreadsheet user typed wrong. Each file has its own issuedIDs. */
    static final String[][] PEOPLE = {
        {"José", "Müller", "jose.muller", "0", "10001"},
        {"Zoë", "Ängström", "zoe.angstrom", "1", "10002"},
        {"François", "Lefèvre-Dubois", "francois.lefevre", "0", "10003"},
        {"Seán", "O’Brien", "sean.obrien", "0", "10004"},
        {"Íñigo", "Núñez", "inigo.nunez", "1", "10005"},
    };
    static final int MISTYPED = 4;
    static final String SCHOOL = "00648";

    record Export(String file, Charset charset, boolean bom, String delimiter, String lineEnd, boolean quoteAll,
            List<String> header, String yes, String no) {
    }

    static final List<String> TEMPLATE = List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");

    static final List<Export> EXPORTS = List.of(
        // Excel for Windows, US: File > Save As > "CSV (Comma delimited)": the ANSI code page, CRLF.
        new Export("excel-windows-en-us.csv", Charset.forName("windows-1252"), false, ",", "\r\n", false,
            List.of("First Name", "Last Name", "Email Address", "Is Teacher", "Issued ID", "School ID"), "1", "0"),
        // Excel for Windows, German or French locale: the list separator is a semicolon.
        new Export("excel-windows-de-de.csv", Charset.forName("windows-1252"), false, ";", "\r\n", false,
            TEMPLATE, "1", "0"),
        // Excel for Windows or Mac: "CSV UTF-8 (Comma delimited)" writes a byte order mark; French locale, semicolons.
        new Export("excel-csv-utf8-fr-fr.csv", StandardCharsets.UTF_8, true, ";", "\r\n", false, TEMPLATE, "1", "0"),
        // Excel for Mac: "CSV (Macintosh)": Mac Roman, lines ended by CR alone.
        new Export("excel-mac-csv-macintosh.csv", Charset.forName("x-MacRoman"), false, ",", "\r", false, TEMPLATE, "1", "0"),
        // Excel: "Unicode Text": UTF-16 little-endian with a byte order mark, tab-separated.
        new Export("excel-unicode-text.txt", StandardCharsets.UTF_16LE, true, "\t", "\r\n", false, TEMPLATE, "1", "0"),
        // Google Sheets: File > Download > CSV: UTF-8 without a byte order mark; a checkbox column as TRUE/FALSE.
        new Export("google-sheets.csv", StandardCharsets.UTF_8, false, ",", "\r\n", false,
            List.of("first_name", "last_name", "email", "is_teacher", "issued_id", "school_id"), "TRUE", "FALSE"),
        // LibreOffice Calc, German locale: UTF-8, semicolons, LF, text cells quoted.
        new Export("libreoffice-calc-de-de.csv", StandardCharsets.UTF_8, false, ";", "\n", true, TEMPLATE, "1", "0"),
        // Numbers: Export To > CSV: UTF-8, LF; a yes/no column written as the admin typed it.
        new Export("numbers.csv", StandardCharsets.UTF_8, false, ",", "\n", false,
            List.of("First name", "Last name", "E-mail", "isTeacher", "issuedID", "schoolID"),
            "Yes", "No"),
        // A student information system's export: every field quoted, extra columns Rollcall ignores.
        new Export("sis-export.csv", StandardCharsets.UTF_8, false, ",", "\r\n", true,
            List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID", "gradeLevel"), "1", "0"));

    public static void main(String[] args) throws Exception {
        var folder = Path.of(args.length > 0 ? args[0] : ".");
        for (int i = 0; i < EXPORTS.size(); i++) {
            Files.write(folder.resolve(EXPORTS.get(i).file()), bytes(EXPORTS.get(i), (i + 1) * 100));
        }
    }

    static byte[] bytes(Export export, int issuedIdBase) {
        var out = new ByteArrayOutputStream();
        if (export.bom()) {
            out.writeBytes(export.charset().equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                : new byte[] {(byte) 0xFF, (byte) 0xFE});
        }
        var text = new StringBuilder(line(export, export.header(), false));
        var domain = export.file().substring(0, export.file().indexOf('.')).replace("-", "") + ".example.com";
        for (int i = 0; i < PEOPLE.length; i++) {
            var p = PEOPLE[i];
            var email = p[2] + "@" + (i == MISTYPED ? domain.replace(".example.com", ".example") : domain);
            var cells = new ArrayList<>(List.of(p[0], p[1], email, p[3].equals("1") ? export.yes() : export.no(),
                String.valueOf(Integer.parseInt(p[4]) + issuedIdBase), SCHOOL));
            if (export.header().size() > TEMPLATE.size()) {
                cells.add(String.valueOf(7 + i));
            }
            text.append(line(export, cells, export.quoteAll()));
        }
        out.writeBytes(text.toString().getBytes(export.charset()));
        return out.toByteArray();
    }

    static String line(Export export, List<String> cells, boolean quoteAll) {
        var quoted = cells.stream().map(c -> quoteAll || c.contains(export.delimiter()) || c.contains("\"")
            ? "\"" + c.replace("\"", "\"\"") + "\"" : c).toList();
        return String.join(export.delimiter(), quoted) + export.lineEnd();
    }
}
