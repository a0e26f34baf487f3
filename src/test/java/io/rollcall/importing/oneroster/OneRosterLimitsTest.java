package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static io.rollcall.importing.oneroster.OneRosterBundles.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/** The limits on what a small bundle makes Rollcall read and ask: rows of orgs, roles and manifest; school lookups. */
class OneRosterLimitsTest {

    private static final long MB = 1024 * 1024;
    private static final String USERS_12 = "sourcedId,givenName,familyName,identifier,email";
    private static final String ROLES = "sourcedId,userSourcedId,roleType,role,orgSourcedId";

    @TempDir
    Path dir;

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

    private Conversion convert(Path zip, long maxBytes, long maxRows) throws IOException {
        return OneRosterBundle.convert(zip, out(), maxBytes, maxRows, Set.of()::contains);
    }

    private FileRejected rejected(Path zip, long maxBytes, long maxRows) {
        var e = catchThrowableOfType(FileRejected.class, () -> convert(zip, maxBytes, maxRows));
        assertThat(e).as("a FileRejected").isNotNull();
        return e;
    }
}
