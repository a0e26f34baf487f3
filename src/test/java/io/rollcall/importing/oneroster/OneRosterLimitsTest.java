package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static io.rollcall.importing.oneroster.OneRosterBundles.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/** The limits on what a small bundle makes Rollcall write, read and ask: roster size, rows, orgs. */
class OneRosterLimitsTest {

    private static final long MB = 1024 * 1024;
    private static final String USERS_11 = "sourcedId,orgSourcedIds,role,givenName,familyName,identifier,email";
    private static final String USERS_12 = "sourcedId,givenName,familyName,identifier,email";
    private static final String ROLES = "sourcedId,userSourcedId,roleType,role,orgSourcedId";

    @TempDir
    Path dir;

    @Test
    void refusesARosterLargerThanTheLimit() throws IOException {
        // 100 orgs times two 60,000-character names: 12 MB written from about 120 KB unpacked.
        var name = "A".repeat(60_000);
        var users = csv(USERS_11, "u1,\"" + orgs(100) + "\",student," + name + "," + name + ",S1,ada@example.org");
        var zip = bundle11(users);

        var e = rejected(zip, 5 * MB, 1000);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("The bundle's users make a roster larger than the upload limit (5242880"
            + " bytes)");
        assertThat(out()).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void acceptsARosterWithinTheLimit() throws IOException {
        var name = "A".repeat(60_000);
        var users = csv(USERS_11, "u1,\"" + orgs(100) + "\",student," + name + "," + name + ",S1,ada@example.org");

        var conversion = convert(bundle11(users), 20 * MB, 1000);

        assertThat(conversion.rows()).isEqualTo(1);
        assertThat(Files.size(out())).isBetween(12_000_000L, 20 * MB);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void countsTheRowsOfUsersAtSeveralOrgsAgainstTheRowLimit() throws IOException {
        var users = csv(USERS_11, "u1,\"o1,o2\",student,Ada,Lovelace,S1,ada@example.org", "",
            "u2,\"o1,o2\",student,Alan,Turing,S2,alan@example.org");

        var e = rejected(bundle11(users), 100 * MB, 3);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        assertThat(e.getMessage()).isEqualTo("The bundle's users make a roster of more than 3 rows (a row per user and"
            + " org); Rollcall imports at most 3 rows at once");
        assertThat(out()).doesNotExist();
    }

    @Test
    void acceptsAsManyRosterRowsAsTheRowLimit() throws IOException {
        var users = csv(USERS_11, "u1,\"o1,o2\",student,Ada,Lovelace,S1,ada@example.org", "",
            "u2,\"o1,o2\",student,Alan,Turing,S2,alan@example.org");

        assertThat(convert(bundle11(users), 100 * MB, 4).rows()).isEqualTo(2);
    }

    @Test
    void refusesAVersion11UserAtMoreThanAHundredOrgs() throws IOException {
        // 5,000 orgs in a 12 KB zip wrote 30 MB; the same org twice counts once.
        var users = csv(USERS_11, "u1,o1,student,Ada,Lovelace,S1,ada@example.org", "",
            "u2,\"o1,o1," + orgs(101) + "\",student,Alan,Turing,S2,alan@example.org");

        var e = rejected(bundle11(users), 100 * MB, 1000);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip names more than 100 orgs for one user at row 4;"
            + " Rollcall takes at most 100 per user");
    }

    @Test
    void acceptsAVersion11UserAtAHundredOrgs() throws IOException {
        var users = csv(USERS_11, "u1,\"o1," + orgs(100) + "\",student,Ada,Lovelace,S1,ada@example.org");

        convert(bundle11(users), 100 * MB, 1000);

        assertThat(Files.readAllLines(out())).hasSize(1 + 100);
    }

    @Test
    void refusesAVersion12UserWithMoreThanAHundredMemberships() throws IOException {
        var roles = Stream.concat(Stream.of(ROLES, "r0,u1,primary,teacher,o1"),
            IntStream.rangeClosed(1, 100).mapToObj(o -> "r" + o + ",u1,secondary,student,o" + o)).toArray(String[]::new);
        var zip = bundle12(csv(roles));

        var e = rejected(zip, 100 * MB, 1000);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("roles.csv in the zip names more than 100 roles at orgs for one user at"
            + " row 102; Rollcall takes at most 100 per user");
    }

    @Test
    void readsARoleRepeatedAtOneOrgOnce() throws IOException {
        // The same membership a thousand times, in any case and as primary and secondary: one row.
        var roles = Stream.concat(Stream.of(ROLES, "r0,u1,primary,student,o1"),
            IntStream.rangeClosed(1, 1000).mapToObj(n -> "r" + n + ",u1," + (n % 2 == 0 ? "primary" : "secondary") + ","
                + (n % 3 == 0 ? "STUDENT" : "student") + ",o1")).toArray(String[]::new);

        convert(bundle12(csv(roles)), 100 * MB, 10_000);

        assertThat(Files.readAllLines(out())).containsExactly(
            "firstName,lastName,email,isTeacher,issuedID,schoolID,oneRosterAction",
            "Ada,Lovelace,ada@example.org,false,S1,o1,import");
    }

    @Test
    void refusesMoreRolesThanTheRowLimit() throws IOException {
        var zip = bundle12(csv(ROLES, "r1,u1,primary,student,o1", "", "r2,u1,secondary,student,o2",
            "r3,u1,secondary,student,o3"));

        var e = rejected(zip, 100 * MB, 2);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        assertThat(e.getMessage()).isEqualTo("roles.csv in the zip has more than 2 rows; Rollcall reads at most 2 roles"
            + " at once");
    }

    @Test
    void refusesMoreThanAHundredThousandOrgs() throws IOException {
        var orgs = IntStream.rangeClosed(1, 100_001).mapToObj(o -> "o" + o + ",")
            .collect(Collectors.joining("\r\n", "sourcedId,identifier\r\n", "\r\n"));
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("orgs.csv", orgs);

        var e = rejected(OneRosterBundles.zip(dir.resolve("bundle.zip"), files), 100 * MB, 1000);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        assertThat(e.getMessage()).isEqualTo("orgs.csv in the zip has more than 100000 rows; Rollcall reads at most"
            + " 100000 orgs");
    }

    @Test
    void acceptsAHundredThousandOrgs() throws IOException {
        var orgs = IntStream.rangeClosed(1, 100_000).mapToObj(o -> "o" + o + ",")
            .collect(Collectors.joining("\r\n", "sourcedId,identifier\r\n", "\r\n"));
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("orgs.csv", orgs);

        var conversion = convert(OneRosterBundles.zip(dir.resolve("bundle.zip"), files), 100 * MB, 1000);

        assertThat(conversion.schoolIds()).hasSize(100_000);
    }

    @Test
    void refusesAManifestOfMoreThanAThousandRows() throws IOException {
        var manifest = manifest(OneRosterVersion.V1_1, ProcessingMode.BULK) + "x,y\r\n".repeat(1000);
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("manifest.csv", manifest);

        var e = rejected(OneRosterBundles.zip(dir.resolve("bundle.zip"), files), 100 * MB, 1000);

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        assertThat(e.getMessage()).isEqualTo("manifest.csv in the zip has more than 1000 rows; a OneRoster manifest"
            + " has about 30");
    }

    @Test
    void asksWhetherAnIdentifierIsASchoolOncePerIdentifier() throws IOException {
        // The caller looks each one up in the database.
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("orgs.csv", csv("sourcedId,identifier", "o1,648572", "o2,648572", "o3,731004", "o4,648572",
            "o5,731004", "o6,"));
        var zip = OneRosterBundles.zip(dir.resolve("bundle.zip"), files);
        var asked = new HashMap<String, Integer>();
        Predicate<String> isSchool = id -> {
            asked.merge(id, 1, Integer::sum);
            return id.equals("648572");
        };

        var conversion = OneRosterBundle.convert(zip, out(), 100 * MB, 1000, isSchool);

        assertThat(asked).isEqualTo(Map.of("648572", 1, "731004", 1));
        assertThat(conversion.schoolIds()).containsExactlyInAnyOrder("648572", "o3", "o5", "o6");
    }

    // "o1,o2,...,o<n>"
    private static String orgs(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(o -> "o" + o).collect(Collectors.joining(","));
    }

    private Path bundle11(String users) throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("users.csv", users);
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), files);
    }

    private Path bundle12(String roles) throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("manifest.csv", manifest(OneRosterVersion.V1_2, ProcessingMode.DELTA));
        files.put("users.csv", csv(USERS_12, "u1,Ada,Lovelace,S1,ada@example.org"));
        files.put("roles.csv", roles);
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), files);
    }

    private Path out() {
        return dir.resolve("roster.csv");
    }

    // Spool files the conversion left in the output's folder.
    private Set<String> leftovers() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("oneroster-"))
                .collect(Collectors.toSet());
        }
    }

    private Conversion convert(Path zip, long maxBytes, long maxRows) throws IOException {
        return OneRosterBundle.convert(zip, out(), maxBytes, maxRows, Set.of()::contains);
    }

    private FileRejected rejected(Path zip, long maxBytes, long maxRows) {
        var e = catchThrowableOfType(FileRejected.class, () -> convert(zip, maxBytes, maxRows));
        assertThat(e).as("a FileRejected").isNotNull();
        return e;
    }
}
