package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static io.rollcall.importing.oneroster.OneRosterBundles.manifest;
import static io.rollcall.importing.oneroster.OneRosterBundles.schoolId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rollcall.importing.oneroster.OneRosterBundles.Spec;

class OneRosterConversionTest {

    private static final String USERS_11 = "sourcedId,orgSourcedIds,role,givenName,familyName,identifier,email,status";
    private static final String ORGS = "sourcedId,identifier";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"V1_1, BULK", "V1_1, DELTA", "V1_2, BULK", "V1_2, DELTA"})
    void reportsTheManifestsVersionAndUsersMode(OneRosterVersion version, ProcessingMode mode) throws IOException {
        var zip = OneRosterBundles.generate(dir.resolve("bundle.zip"), Spec.of(version, mode));

        var conversion = convert(zip, Set.of());

        assertThat(conversion.version()).isEqualTo(version);
        assertThat(conversion.usersMode()).isEqualTo(mode);
    }

    @ParameterizedTest
    @CsvSource({"V1_1", "V1_2"})
    void convertsAGeneratedBundle(OneRosterVersion version) throws IOException {
        var spec = Spec.of(version, ProcessingMode.DELTA).withOrgs(4).withUsers(40, 8, 5)
            .withTwoOrgTeachers(2).withToBeDeleted(3);
        var zip = OneRosterBundles.generate(dir.resolve("bundle.zip"), spec);
        // Org 4's identifier is no Rollcall school: it keeps its sourcedId.
        var schools = Set.of(schoolId(1), schoolId(2), schoolId(3));

        var conversion = convert(zip, schools);
        var rows = roster();

        assertThat(conversion.rows()).isEqualTo(53);
        assertThat(conversion.schoolIds()).containsExactlyInAnyOrder(schoolId(1), schoolId(2), schoolId(3), "org-4");
        assertThat(rows).hasSize(1 + 53 + 2);
        assertThat(rows.get(1)).containsExactly("Alan", "Lovelace", "student1@school1.example.org", "false", "S1",
            schoolId(1), "deactivate");
        assertThat(rows.get(4)).containsExactly("Barbara", "Lovelace", "student4@school4.example.org", "false", "S4",
            "org-4", "import");
        // users.csv row 42: teacher 1, at org 1 and (after the last row) org 2
        assertThat(rows.get(41)).containsExactly("Alan", "Lovelace", "teacher1@school1.example.org", "true", "T1",
            schoolId(1), "import");
        assertThat(rows.get(54)).containsExactly("Alan", "Lovelace", "teacher1@school1.example.org", "true", "T1",
            schoolId(2), "import");
        assertThat(rows.get(55)).containsExactly("Grace", "Lovelace", "teacher2@school2.example.org", "true", "T2",
            schoolId(3), "import");
        assertThat(rows.subList(49, 54)).extracting(row -> row.get(6)).containsOnly("skip:parent");
        assertThat(rows.subList(49, 54)).extracting(row -> row.get(3)).containsOnly("");
        assertThat(rows).extracting(row -> row.get(6)).filteredOn("deactivate"::equals).hasSize(3);
    }

    @Test
    void convertsAHundredThousandUsers() throws IOException {
        var spec = Spec.of(OneRosterVersion.V1_2, ProcessingMode.BULK).withOrgs(40).withUsers(94_000, 5_000, 1_000)
            .withTwoOrgTeachers(500);
        var zip = OneRosterBundles.generate(dir.resolve("bundle.zip"), spec);

        var conversion = convert(zip, Set.of());

        assertThat(conversion.rows()).isEqualTo(spec.users()).isEqualTo(100_000);
        assertThat(roster()).hasSize(1 + (int) spec.rosterRows()).hasSize(1 + 100_000 + 500);
    }

    @Test
    void keepsRowNumbersOfBlankLinesAndQuotedLineBreaks() throws IOException {
        var users = USERS_11 + "\r\n"
            + "\r\n"
            + "u1,o1,student,\"Ada\r\nAugusta\",Lovelace,S1,ada@example.org,\r\n"
            + ",,,,,,,\r\n"
            + "u2,o1,student,\"Alan\rM\",Turing,S2,alan@example.org,\n"
            // FastCSV 4.1 alone loses this row's last field and merges the next row into it.
            + "u3,o1,student,Grace,\"Hopper\r\",S3,grace@example.org,\"\r\"\n"
            + "u5,o1,student,Edsger,Dijkstra,S5,edsger@example.org,\r"
            + "u4,o1,student,Ken,Thompson,S4,ken@example.org,";
        var zip = bundle(Map.of("users.csv", users));

        convert(zip, Set.of());

        // A lone CR ends a row, and inside quotes reads as LF, as the pipeline reads it.
        assertThat(roster()).extracting(row -> row.isEmpty() ? "" : row.get(0) + " " + row.get(1)).containsExactly(
            "firstName lastName", "", "Ada\r\nAugusta Lovelace", "", "Alan\nM Turing", "Grace Hopper",
            "Edsger Dijkstra", "Ken Thompson");
    }

    @Test
    void stripsABomAndSpacesAndMatchesHeadersInAnyCase() throws IOException {
        var users = "\uFEFF SOURCEDID ,OrgSourcedIds,ROLE,givenname,FamilyName,Identifier,EMAIL\r\n"
            + "u1, o1 , Teacher ,  Ada , Lovelace , T1 , ada@example.org \r\n";
        var zip = bundle(Map.of("users.csv", users));

        convert(zip, Set.of("648572"));

        assertThat(roster().get(1)).containsExactly("Ada", "Lovelace", "ada@example.org", "true", "T1", "648572", "import");
    }

    @Test
    void mapsAnOrgToItsIdentifierOnlyWhenThatIsARollcallSchool() throws IOException {
        var orgs = csv(ORGS, "o1,648572", "o2,not-a-school", "o3,");
        var users = csv(USERS_11, "u1,\"o1,o2,o3,o4\",student,Ada,Lovelace,S1,ada@example.org,");
        var zip = bundle(Map.of("orgs.csv", orgs, "users.csv", users));

        var conversion = convert(zip, Set.of("648572"));

        assertThat(roster()).extracting(row -> row.get(5)).containsExactly("schoolID", "648572", "o2", "o3", "o4");
        assertThat(conversion.schoolIds()).containsExactlyInAnyOrder("648572", "o2", "o3");
    }

    @Test
    void writesOneSkipRowForAUserWithOnlyOtherRoles() throws IOException {
        var users = csv(USERS_11, "u1,\"o1,o2\",guardian,Mary,Parent,P1,mary@example.org,tobedeleted");
        var zip = bundle(Map.of("users.csv", users));

        convert(zip, Set.of("648572"));

        assertThat(roster()).containsExactly(header(),
            List.of("Mary", "Parent", "mary@example.org", "", "P1", "648572", "skip:guardian"));
    }

    @Test
    void leavesABlankRoleForThePipelineToReport() throws IOException {
        var users = csv(USERS_11, "u1,o1,,Ada,Lovelace,S1,ada@example.org,");
        var zip = bundle(Map.of("users.csv", users));

        convert(zip, Set.of("648572"));

        assertThat(roster().get(1)).containsExactly("Ada", "Lovelace", "ada@example.org", "", "S1", "648572", "import");
    }

    @Test
    void findsTheBundleInOneFolderAndItsFilesInAnyCase() throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put("export/", "");
        OneRosterBundles.smallBundle().forEach((name, text) -> files.put("export/" + name.toUpperCase(), text));
        files.put("__MACOSX/export/._users.csv", "junk");
        var zip = OneRosterBundles.zip(dir.resolve("folder.zip"), files);

        var conversion = convert(zip, Set.of("600001"));

        assertThat(conversion.rows()).isEqualTo(1);
        assertThat(roster().get(1)).containsExactly("Ada", "Lovelace", "ada@school1.example.org", "false", "S1",
            "600001", "import");
    }

    @Test
    void tellsAZipFromOtherFiles() throws IOException {
        var zip = OneRosterBundles.zip(dir.resolve("a.zip"), OneRosterBundles.smallBundle());
        var text = Files.writeString(dir.resolve("a.csv"), "PK,is,not,a,zip\r\n");
        var empty = Files.write(dir.resolve("empty"), new byte[0]);

        assertThat(OneRosterBundle.isZip(zip)).isTrue();
        assertThat(OneRosterBundle.isZip(text)).isFalse();
        assertThat(OneRosterBundle.isZip(empty)).isFalse();
    }

    @Test
    void writesUtf8WithoutBom() throws IOException {
        var users = csv(USERS_11, "u1,o1,student,Zoë,Ångström,S1,zoe@example.org,");
        convert(bundle(Map.of("users.csv", users)), Set.of());

        var bytes = Files.readAllBytes(dir.resolve("roster.csv"));
        assertThat(bytes[0]).isEqualTo((byte) 'f');
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Zoë,Ångström");
    }

    // A 1.1 bulk bundle: the small one, its files replaced by those given.
    private Path bundle(Map<String, String> files) throws IOException {
        var all = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        all.put("orgs.csv", csv(ORGS, "o1,648572"));
        all.putAll(files);
        all.put("manifest.csv", manifest(OneRosterVersion.V1_1, ProcessingMode.BULK));
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), all);
    }

    private Conversion convert(Path zip, Set<String> schools) throws IOException {
        return OneRosterBundle.convert(zip, dir.resolve("roster.csv"), 500_000_000, 1_000_000, schools::contains);
    }

    private static List<String> header() {
        return List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID", "oneRosterAction");
    }

    // The roster's rows; an empty line as no cells.
    private List<List<String>> roster() throws IOException {
        var rows = new ArrayList<List<String>>();
        try (var csv = CsvReader.builder().skipEmptyLines(false).allowMissingFields(true)
                .ofCsvRecord(dir.resolve("roster.csv"))) {
            for (CsvRecord record : csv) {
                var fields = record.getFields();
                rows.add(fields.size() == 1 && fields.get(0).isEmpty() ? List.of() : fields);
            }
        }
        return rows;
    }
}
