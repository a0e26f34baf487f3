package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-looking exports in {@code src/test/resources/exports} (one per spreadsheet program and
 * locale, written by {@code MakeExports.java} there): each imports with its names intact, and its
 * failed rows come back in the same encoding, byte order mark and delimiter, and import once
 * corrected as the admin would, in a text editor or the same program. Runs on H2 and PostgreSQL.
 */
abstract class AbstractSpreadsheetExportApiTests extends ApiTestSupport {

    static final String SCHOOL = "00648";
    static final List<List<String>> PEOPLE = List.of(
        List.of("José", "Müller", "jose.muller", "STUDENT"),
        List.of("Zoë", "Ängström", "zoe.angstrom", "INSTRUCTOR"),
        List.of("François", "Lefèvre-Dubois", "francois.lefevre", "STUDENT"),
        List.of("Seán", "O’Brien", "sean.obrien", "STUDENT"));

    static List<Arguments> exports() {
        var utf8Bom = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        var utf16Bom = new byte[] {(byte) 0xFF, (byte) 0xFE};
        return List.of(
            Arguments.of("excel-windows-en-us.csv", "windows-1252", Charset.forName("windows-1252"), new byte[0], ","),
            Arguments.of("excel-windows-de-de.csv", "windows-1252", Charset.forName("windows-1252"), new byte[0], ";"),
            Arguments.of("excel-csv-utf8-fr-fr.csv", "utf-8", StandardCharsets.UTF_8, utf8Bom, ";"),
            Arguments.of("excel-mac-csv-macintosh.csv", "macintosh", Charset.forName("x-MacRoman"), new byte[0], ","),
            Arguments.of("excel-unicode-text.txt", "utf-16", StandardCharsets.UTF_16LE, utf16Bom, "\t"),
            Arguments.of("google-sheets.csv", "utf-8", StandardCharsets.UTF_8, utf8Bom, ","),
            Arguments.of("libreoffice-calc-de-de.csv", "utf-8", StandardCharsets.UTF_8, utf8Bom, ";"),
            Arguments.of("numbers.csv", "utf-8", StandardCharsets.UTF_8, utf8Bom, ","),
            Arguments.of("sis-export.csv", "utf-8", StandardCharsets.UTF_8, utf8Bom, ","));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void importsTheExportAndRoundTripsItsFailedRows(String file, String encoding, Charset charset, byte[] downloadBom,
            String delimiter) throws Exception {
        ensureSchool();
        var admin = admin(SCHOOL);
        var domain = file.substring(0, file.indexOf('.')).replace("-", "") + ".example.com";

        var report = importFile(admin, fixture(file));

        assertThat((String) report.read("$.encoding")).isEqualTo(encoding);
        assertThat(List.<Object>of(report.read("$.created"), report.read("$.failed"))).containsExactly(4, 1);
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("INVALID_EMAIL");
        var users = users(admin, SCHOOL);
        for (var person : PEOPLE) {
            assertThat(users.get(person.get(2) + "@" + domain)).as(file).containsEntry("firstName", person.get(0))
                .containsEntry("lastName", person.get(1)).containsEntry("role", person.get(3));
        }

        var download = get("/api/v1/imports/" + report.read("$.id") + "/failed-rows.csv", admin).getResponse();
        var bytes = download.getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, downloadBom.length)).as(file).isEqualTo(downloadBom);
        var text = new String(bytes, downloadBom.length, bytes.length - downloadBom.length, charset);
        var lines = text.split("\r\n");
        assertThat(lines).as(file).hasSize(2);
        assertThat(lines[0]).endsWith(delimiter + "error");
        assertThat(lines[1]).contains("Íñigo", "Núñez", "inigo.nunez@" + domain.replace(".example.com", ".example"))
            .endsWith(delimiter + "Validation isEmail on email failed");

        // Corrected in place: the address fixed; the error column left in, as most admins would.
        var corrected = text.replace("@" + domain.replace(".example.com", ".example") + ",", "@" + domain + ",")
            .replace("@" + domain.replace(".example.com", ".example") + delimiter, "@" + domain + delimiter)
            .replace("@" + domain.replace(".example.com", ".example") + "\"", "@" + domain + "\"");
        var again = importFile(admin, concat(downloadBom, corrected.getBytes(charset)));

        assertThat(List.<Object>of(again.read("$.created"), again.read("$.failed"))).as(file).containsExactly(1, 0);
        assertThat((List<String>) again.read("$.warnings[*].code")).as(file).contains("UNKNOWN_COLUMN");
        Map<String, Object> inigo = users(admin, SCHOOL).get("inigo.nunez@" + domain);
        assertThat(inigo).as(file).containsEntry("firstName", "Íñigo").containsEntry("lastName", "Núñez")
            .containsEntry("role", "INSTRUCTOR");
    }

    private void ensureSchool() throws Exception {
        var created = postJson("/api/v1/schools", operator, """
                {"schoolId":"%s","name":"Spreadsheet Exports"}""".formatted(SCHOOL)).getResponse().getStatus();
        assertThat(created).isIn(201, 409);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = AbstractSpreadsheetExportApiTests.class.getResourceAsStream("/exports/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
