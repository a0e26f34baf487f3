package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static io.rollcall.importing.oneroster.OneRosterBundles.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.Limits;

class OneRosterFileErrorsTest {

    private static final String USERS_11 = "sourcedId,orgSourcedIds,role,givenName,familyName,identifier,email";
    private static final String USERS_12 = "sourcedId,givenName,familyName,identifier,email";
    private static final String ROLES = "sourcedId,userSourcedId,roleType,role,orgSourcedId";
    private static final String ADA_11 = "u1,o1,student,Ada,Lovelace,S1,ada@example.org";

    @TempDir
    Path dir;

    @Test
    void refusesABundleWithoutManifest() throws IOException {
        var e = rejected(without("manifest.csv"));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE);
        assertThat(e.getMessage()).startsWith("The OneRoster bundle has no manifest.csv");
    }

    @Test
    void refusesABundleWithoutUsers() throws IOException {
        var e = rejected(without("users.csv"));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE);
        assertThat(e.getMessage()).startsWith("The OneRoster bundle has no users.csv");
    }

    @Test
    void refusesABundleWithoutOrgs() throws IOException {
        var e = rejected(without("orgs.csv"));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE);
        assertThat(e.getMessage()).startsWith("The OneRoster bundle has no orgs.csv");
    }

    @Test
    void refusesAVersion12BundleWithoutRoles() throws IOException {
        var e = rejected(bundle12(Map.of()));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE);
        assertThat(e.getMessage()).startsWith("The OneRoster bundle has no roles.csv");
    }

    @Test
    void refusesAManifestSayingThereAreNoUsers() throws IOException {
        var text = manifest(OneRosterVersion.V1_1, ProcessingMode.BULK).replace("file.users,bulk", "file.users,absent");

        var e = rejected(with("manifest.csv", text));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FILE);
        assertThat(e.getMessage()).isEqualTo("The manifest says the bundle has no users (file.users is absent)");
    }

    @Test
    void refusesOneRoster10() throws IOException {
        var text = manifest(OneRosterVersion.V1_1, ProcessingMode.BULK).replace("oneroster.version,1.1",
            "oneroster.version,1.0");

        var e = rejected(with("manifest.csv", text));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(e.getMessage()).isEqualTo("The bundle is OneRoster 1.0; Rollcall reads OneRoster 1.1 and 1.2");
    }

    @Test
    void refusesAnUnknownUsersMode() throws IOException {
        var text = manifest(OneRosterVersion.V1_1, ProcessingMode.BULK).replace("file.users,bulk", "file.users,full");

        var e = rejected(with("manifest.csv", text));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(e.getMessage()).isEqualTo("manifest.csv in the zip says file.users is full; OneRoster allows bulk,"
            + " delta or absent");
    }

    @Test
    void refusesAManifestThatDoesNotSayTheVersionOrUsersMode() throws IOException {
        var e = rejected(with("manifest.csv", csv("propertyName,value", "manifest.version,1.0")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("manifest.csv in the zip does not give oneroster.version, file.users");
        assertThat(e.missingFields()).containsExactly("oneroster.version", "file.users");
        assertThat(e.foundFields()).containsExactly("manifest.version");
    }

    @Test
    void refusesAManifestWithoutItsColumns() throws IOException {
        var e = rejected(with("manifest.csv", csv("name,value", "oneroster.version,1.1")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("manifest.csv in the zip has no column propertyName");
    }

    @Test
    void refusesUsersWithoutEmail() throws IOException {
        var e = rejected(with("users.csv", csv("sourcedId,orgSourcedIds,role,givenName,familyName,mail",
            "u1,o1,student,Ada,Lovelace,ada@example.org")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has no column email");
        assertThat(e.missingFields()).containsExactly("email");
        assertThat(e.foundFields()).containsExactly("sourcedId", "orgSourcedIds", "role", "givenName", "familyName",
            "mail");
    }

    @Test
    void refusesVersion11UsersWithoutRoleAndOrgs() throws IOException {
        var e = rejected(with("users.csv", csv("givenName,familyName,email", "Ada,Lovelace,ada@example.org")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has no columns sourcedId, orgSourcedIds, role");
        assertThat(e.missingFields()).containsExactly("sourcedId", "orgSourcedIds", "role");
    }

    @Test
    void readsVersion12UsersWithoutRoleAndOrgs() throws IOException {
        var conversion = convert(bundle12(Map.of("roles.csv", csv(ROLES, "r1,u1,primary,student,o1"))));

        assertThat(conversion.rows()).isEqualTo(1);
    }

    @Test
    void refusesVersion12UsersWithoutSourcedId() throws IOException {
        var e = rejected(bundle12(Map.of("roles.csv", csv(ROLES),
            "users.csv", csv("givenName,familyName,email", "Ada,Lovelace,ada@example.org"))));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has no column sourcedId");
    }

    @Test
    void refusesRolesWithoutTheirColumns() throws IOException {
        var e = rejected(bundle12(Map.of("roles.csv", csv("sourcedId,user,roleType,role,org"))));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("roles.csv in the zip has no columns userSourcedId, orgSourcedId");
        assertThat(e.missingFields()).containsExactly("userSourcedId", "orgSourcedId");
        assertThat(e.foundFields()).containsExactly("sourcedId", "user", "roleType", "role", "org");
    }

    @Test
    void refusesOrgsWithoutSourcedId() throws IOException {
        var e = rejected(with("orgs.csv", csv("id,identifier", "o1,648572")));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("orgs.csv in the zip has no column sourcedId");
    }

    @Test
    void refusesAColumnTwice() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11 + ",EMAIL", ADA_11 + ",other@example.org")));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has the column EMAIL more than once");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        var e = rejected(with("orgs.csv", ""));

        assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_FILE);
        assertThat(e.getMessage()).isEqualTo("orgs.csv in the zip is empty: it has no header row");
    }

    @Test
    void refusesAQuotedFieldNeverClosed() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11, ADA_11, "", "u2,o1,student,\"Alan,Turing,S2,alan@example.org",
            ADA_11)));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip is malformed at row 4: a quoted field is never closed");
    }

    @Test
    void refusesTextAfterAClosingQuote() throws IOException {
        var e = rejected(with("orgs.csv", csv("sourcedId,identifier", "o1,648572", "\"o2\"x,731004")));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).isEqualTo("orgs.csv in the zip is malformed at row 3: a quoted field has text after"
            + " its closing quote");
    }

    @Test
    void refusesMoreUsersThanTheLimit() throws IOException {
        // Blank rows are not counted.
        var e = catchThrowableOfType(FileRejected.class, () -> OneRosterBundle.convert(
            with("users.csv", csv(USERS_11, ADA_11, "", ",,", ADA_11, ADA_11)), out(), 10_000_000, 2, Set.of()::contains));

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_ROWS);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has more than 2 rows; Rollcall imports at most 2"
            + " users at once");
    }

    @Test
    void acceptsAsManyUsersAsTheLimit() throws IOException {
        var zip = with("users.csv", csv(USERS_11, ADA_11, "", ",,", ADA_11));

        assertThat(OneRosterBundle.convert(zip, out(), 10_000_000, 2, Set.of()::contains).rows()).isEqualTo(2);
    }

    @Test
    void refusesACellOverTheFieldLimit() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11, ADA_11, ADA_11.replace("Ada,", "A".repeat(
            Limits.MAX_FIELD_CHARS + 1) + ","))));

        assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has a cell longer than 65536 characters at row 3;"
            + " check that every quote is closed where it should be");
    }

    @Test
    void acceptsACellAtTheFieldLimit() throws IOException {
        var zip = with("users.csv", csv(USERS_11, ADA_11.replace("Ada,", "A".repeat(Limits.MAX_FIELD_CHARS) + ",")));

        assertThat(convert(zip).rows()).isEqualTo(1);
    }

    @Test
    void refusesAnUnclosedQuoteLongerThanFastCsvsBuffer() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11, "u1,\"" + "x".repeat(300_000))));

        assertThat(e.code()).isEqualTo(ErrorCode.FIELD_TOO_LARGE);
        assertThat(e.getMessage()).startsWith("users.csv in the zip has a cell longer than 65536 characters at row 2");
    }

    @Test
    void refusesARowOverTheRowLimit() throws IOException {
        // Random letters, which pack too little to pass for a zip bomb.
        var random = new Random(1);
        var cell = random.ints(60_000, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
            StringBuilder::append).toString();
        var e = rejected(with("users.csv", csv(USERS_11, ADA_11 + ("," + cell).repeat(20))));

        assertThat(e.code()).isEqualTo(ErrorCode.ROW_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has a row longer than 1048576 characters at row 2");
    }

    @Test
    void refusesARowOfMoreThanAThousandCells() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11, ADA_11, ADA_11 + ",".repeat(1000))));

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip has more than 1000 cells at row 3");
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        var files = new LinkedHashMap<String, byte[]>();
        OneRosterBundles.smallBundle().forEach((name, text) -> files.put(name, text.getBytes(StandardCharsets.UTF_8)));
        files.put("users.csv", csv(USERS_11, ADA_11, ADA_11.replace("Ada", "Zoë")).getBytes(StandardCharsets.ISO_8859_1));

        var e = rejected(OneRosterBundles.zipBytes(dir.resolve("latin1.zip"), files));

        assertThat(e.code()).isEqualTo(ErrorCode.ENCODING_MISMATCH);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip is not valid UTF-8; OneRoster files are UTF-8");
    }

    @Test
    void deletesTheOutputWhenARowIsRefused() throws IOException {
        var e = rejected(with("users.csv", csv(USERS_11, ADA_11, "\"never closed")));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(out()).doesNotExist();
    }

    // The small 1.1 bundle with one file replaced.
    private Path with(String name, String text) throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put(name, text);
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), files);
    }

    private Path without(String name) throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.remove(name);
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), files);
    }

    // A 1.2 bundle: 1.2 users, no roles.csv unless given.
    private Path bundle12(Map<String, String> files) throws IOException {
        var all = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        all.put("manifest.csv", manifest(OneRosterVersion.V1_2, ProcessingMode.DELTA));
        all.put("users.csv", csv(USERS_12, "u1,Ada,Lovelace,S1,ada@example.org"));
        all.putAll(files);
        return OneRosterBundles.zip(dir.resolve("bundle.zip"), all);
    }

    private Path out() {
        return dir.resolve("roster.csv");
    }

    private Conversion convert(Path zip) throws IOException {
        return OneRosterBundle.convert(zip, out(), 10_000_000, 1000, Set.of()::contains);
    }

    private FileRejected rejected(Path zip) {
        var e = catchThrowableOfType(FileRejected.class, () -> convert(zip));
        assertThat(e).as("a FileRejected").isNotNull();
        return e;
    }
}
