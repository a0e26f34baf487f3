package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import io.rollcall.ApiTestSupport;
import io.rollcall.importing.oneroster.OneRosterBundles;
import io.rollcall.importing.oneroster.OneRosterVersion;
import io.rollcall.importing.oneroster.ProcessingMode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The contract's "OneRoster": a zip bundle goes through the same pipeline and report as a CSV file,
 * with the contract's mapping, tobedeleted rows deactivating, bulk bundles syncing, and file errors
 * that name the file inside the zip. Runs on H2 and PostgreSQL.
 */
abstract class AbstractOneRosterApiTests extends ApiTestSupport {

    static final String USERS_1_1 = "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
        + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    static final String USERS_1_2 = "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
        + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password";
    static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";
    static final String ROLES = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
        + "orgSourcedId,userProfileSourcedId";

    @TempDir
    Path dir;

    /** A 1.1 users.csv row: sourcedId, status, org(s), role, given and family name, identifier, email. */
    static String user(String id, String status, String orgs, String role, String given, String family, String identifier,
            String email) {
        return String.join(",", id, status, "", "true", orgs.contains(",") ? "\"" + orgs + "\"" : orgs, role, id, "",
            given, family, "", identifier, email, "", "", "", "", "");
    }

    Path bundle(OneRosterVersion version, ProcessingMode mode, String orgs, String users, String roles) throws Exception {
        var files = new LinkedHashMap<String, String>();
        files.put("manifest.csv", OneRosterBundles.manifest(version, mode));
        files.put("orgs.csv", orgs);
        files.put("users.csv", users);
        if (roles != null) {
            files.put("roles.csv", roles);
        }
        return OneRosterBundles.zip(dir.resolve("bundle-" + unique() + ".zip"), files);
    }

    MvcResult uploadZip(String token, Path zip, String... options) throws Exception {
        var request = MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new MockMultipartFile("file", "oneroster.zip", "application/zip", Files.readAllBytes(zip)));
        for (int i = 0; i < options.length; i += 2) {
            request.param(options[i], options[i + 1]);
        }
        return call(request, token);
    }

    DocumentContext importZip(String token, Path zip, String... options) throws Exception {
        var result = uploadZip(token, zip, options);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(202);
        return awaitEnd(token, JsonPath.read(result.getResponse().getContentAsString(), "$.id"));
    }

    @Test
    void aOneDotOneBundleMapsUsersToAccountsNumberingTheRowsOfUsersCsv() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var orgs = OneRosterBundles.csv(ORGS, "org-" + u + ",,,East High,school," + school + ",",
            "other-" + u + ",,,Not Ours,school,NOT-OURS-" + u + ",");
        var users = OneRosterBundles.csv(USERS_1_1,
            user("u1", "active", "org-" + u, "student", "Ada", "Lovelace", "S-" + u, "ada." + u + "@example.org"),
            user("u2", "", "org-" + u, "teacher", "Alan", "Turing", "T-" + u, "alan." + u + "@example.org"),
            user("u3", "", "org-" + u, "parent", "Mary", "Parent", "P-" + u, "mary." + u + "@example.org"),
            "",
            user("u4", "", "other-" + u, "student", "Ken", "Thompson", "K-" + u, "ken." + u + "@example.org"));

        var report = importZip(admin, bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA, orgs, users, null));

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((String) report.read("$.fileName")).isEqualTo("oneroster.zip");
        assertThat(List.<Object>of(report.read("$.created"), report.read("$.failed"))).containsExactly(2, 1);
        assertThat((List<Map<String, Object>>) report.read("$.errors")).singleElement().satisfies(error -> assertThat(error)
            .containsEntry("row", 6).containsEntry("code", "UNAUTHORIZED_SCHOOL").containsEntry("message", "Unauthorized school"));
        assertThat((List<Map<String, Object>>) report.read("$.warnings")).singleElement().satisfies(warning -> assertThat(warning)
            .containsEntry("row", 4).containsEntry("code", "ROLE_SKIPPED"));
        var members = users(admin, school);
        assertThat(members.get("ada." + u + "@example.org")).containsEntry("role", "STUDENT")
            .containsEntry("issuedId", "S-" + u).containsEntry("firstName", "Ada").containsEntry("lastName", "Lovelace");
        assertThat(members.get("alan." + u + "@example.org")).containsEntry("role", "INSTRUCTOR");
        assertThat(members).doesNotContainKey("mary." + u + "@example.org");

        var failed = get("/api/v1/imports/" + report.read("$.id") + "/failed-rows.csv", admin);
        assertThat(failed.getResponse().getStatus()).isEqualTo(200);
        assertThat(failed.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("ken." + u + "@example.org",
            "Unauthorized school");
    }

    // Whether a schoolID exists is not for a bundle to find out: another school's org reads as one of no school.
    @Test
    void anotherSchoolsOrgAndAMissingOneLookTheSame() throws Exception {
        var school = school(false);
        var other = school(false);
        var admin = admin(school);
        var u = unique();
        var orgs = OneRosterBundles.csv(ORGS, "theirs-" + u + ",,,Their High,school," + other + ",",
            "nobodys-" + u + ",,,No High,school,NO-SUCH-" + u + ",");
        var users = OneRosterBundles.csv(USERS_1_1,
            user("u1", "active", "theirs-" + u, "student", "Ada", "Lovelace", "S1-" + u, "ada." + u + "@example.org"),
            user("u2", "active", "nobodys-" + u, "student", "Alan", "Turing", "S2-" + u, "alan." + u + "@example.org"));

        var report = importZip(admin, bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA, orgs, users, null));

        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("UNAUTHORIZED_SCHOOL", "UNAUTHORIZED_SCHOOL");
        var failed = get("/api/v1/imports/" + report.read("$.id") + "/failed-rows.csv", admin).getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
        assertThat(failed).contains(",theirs-" + u + ",", ",nobodys-" + u + ",").doesNotContain(other);
    }

    @Test
    void aOneDotTwoBundleTakesRoleAndOrgFromRolesCsvAndAnOrgWithoutIdentifierByItsSourcedId() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var orgs = OneRosterBundles.csv(ORGS, school + ",,,West,school,,");
        var users = OneRosterBundles.csv(USERS_1_2,
            String.join(",", "u1", "", "", "true", "u1", "", "Grace", "Hopper", "", "G-" + u, "grace." + u + "@example.org",
                "", "", "", "", ""),
            String.join(",", "u2", "", "", "true", "u2", "", "Edsger", "Dijkstra", "", "E-" + u, "edsger." + u + "@example.org",
                "", "", "", "", ""));
        var roles = OneRosterBundles.csv(ROLES, "r1,,,u1,primary,teacher,,," + school + ",",
            "r2,,,u2,primary,student,,," + school + ",");

        var report = importZip(admin, bundle(OneRosterVersion.V1_2, ProcessingMode.DELTA, orgs, users, roles));

        assertThat((Integer) report.read("$.created")).as(report.jsonString()).isEqualTo(2);
        var members = users(admin, school);
        assertThat(members.get("grace." + u + "@example.org")).containsEntry("role", "INSTRUCTOR");
        assertThat(members.get("edsger." + u + "@example.org")).containsEntry("role", "STUDENT");
    }

    @Test
    void tobedeletedDeactivatesInADeltaAndABulkBundleSyncsTheSchool() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var rows = new java.util.ArrayList<String>();
        rows.add(HEADER);
        for (int i = 0; i < 20; i++) {
            rows.add(String.join(",", "Stu" + i, "Dent", "s" + i + "." + u + "@example.org", "0", "ID-" + u + "-" + i, school));
        }
        importFile(admin, csv(rows.toArray(String[]::new)));
        var orgs = OneRosterBundles.csv(ORGS, "org-" + u + ",,,Ours,school," + school + ",");

        var delta = importZip(admin, bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA, orgs, OneRosterBundles.csv(USERS_1_1,
            user("x0", "tobedeleted", "org-" + u, "student", "", "", "", "s0." + u + "@example.org")), null));

        assertThat(List.<Object>of(delta.read("$.deactivated"), delta.read("$.created"), delta.read("$.failed")))
            .as(delta.jsonString()).containsExactly(1, 0, 0);
        assertThat(users(admin, school).get("s0." + u + "@example.org")).containsEntry("status", "DEACTIVATED");
        assertThat(users(admin, school).values()).filteredOn(m -> "ACTIVE".equals(m.get("status"))).hasSize(19);

        // A bulk bundle is the school's whole roster: the member it leaves out goes, as in a sync.
        var bulkRows = new java.util.ArrayList<String>();
        bulkRows.add(USERS_1_1);
        for (int i = 1; i < 19; i++) {
            bulkRows.add(user("x" + i, "", "org-" + u, "student", "Stu" + i, "Dent", "ID-" + u + "-" + i,
                "s" + i + "." + u + "@example.org"));
        }
        var bulk = importZip(admin, bundle(OneRosterVersion.V1_1, ProcessingMode.BULK, orgs,
            OneRosterBundles.csv(bulkRows.toArray(String[]::new)), null));

        assertThat(List.<Object>of(bulk.read("$.deactivated"), bulk.read("$.unchanged"))).as(bulk.jsonString())
            .containsExactly(1, 18);
        var deactivations = json(get("/api/v1/imports/" + bulk.read("$.id") + "/deactivations", admin));
        assertThat((List<String>) deactivations.read("$.items[*].email")).containsExactly("s19." + u + "@example.org");
    }

    @Test
    void aTeacherAtTwoSchoolsIsOneAccountWithTwoMembershipsAndOneWelcomeEmail() throws Exception {
        var east = school(false);
        var west = school(false);
        var eastAdmin = admin(east);
        var u = unique();
        var teacher = "grace." + u + "@example.org";
        var orgs = OneRosterBundles.csv(ORGS, "east-" + u + ",,,East,school," + east + ",",
            "west-" + u + ",,,West,school," + west + ",");
        var users = OneRosterBundles.csv(USERS_1_1,
            user("t1", "", "east-" + u + ",west-" + u, "teacher", "Grace", "Hopper", "T-" + u, teacher),
            user("s1", "", "east-" + u, "student", "Ada", "Lovelace", "S-" + u, "ada." + u + "@example.org"));
        var zip = bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA, orgs, users, null);

        // East's admin: the teacher's East row is imported, the West row is not theirs.
        var byEast = importZip(eastAdmin, zip);
        assertThat(List.<Object>of(byEast.read("$.created"), byEast.read("$.failed"))).as(byEast.jsonString())
            .containsExactly(2, 1);
        assertThat((List<String>) byEast.read("$.errors[*].code")).containsExactly("UNAUTHORIZED_SCHOOL");
        assertThat(users(eastAdmin, east)).containsKey(teacher);

        // An operator: one account, a membership at each school, one welcome email.
        var second = "barbara." + u + "@example.org";
        var both = importZip(operator, bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA, orgs, OneRosterBundles.csv(
            USERS_1_1, user("t2", "", "east-" + u + ",west-" + u, "teacher", "Barbara", "Liskov", "B-" + u, second)),
            null), "sendWelcomeEmails", "true");
        assertThat(List.<Object>of(both.read("$.created"), both.read("$.failed"), both.read("$.emailsQueued")))
            .as(both.jsonString()).containsExactly(2, 0, 1);
        assertThat(users(operator, east).get(second)).containsEntry("role", "INSTRUCTOR");
        assertThat(users(operator, west).get(second)).containsEntry("role", "INSTRUCTOR").containsEntry("issuedId", "B-" + u);
        assertThat(context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
            .sql("select count(*) from account where email_key = :key").param("key", second).query(Integer.class).single())
            .isEqualTo(1);
    }

    @Test
    void anEncodingChosenForCsvFilesDoesNotApplyToABundle() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var zip = bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA,
            OneRosterBundles.csv(ORGS, "org-" + u + ",,,Ours,school," + school + ","),
            OneRosterBundles.csv(USERS_1_1, user("u1", "", "org-" + u, "student", "José", "Núñez", "J-" + u,
                "jose." + u + "@example.org")), null);

        var report = importZip(admin, zip, "encoding", "windows-1252");

        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat(users(admin, school).get("jose." + u + "@example.org")).containsEntry("firstName", "José")
            .containsEntry("lastName", "Núñez");
    }

    @Test
    void aBundleWithoutManifestOrUsersOrOfAnotherVersionIsAFileErrorNamingTheFile() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var small = OneRosterBundles.smallBundle();

        var noManifest = new LinkedHashMap<>(small);
        noManifest.remove("manifest.csv");
        assertFileError(admin, OneRosterBundles.zip(dir.resolve("a.zip"), noManifest), "MISSING_FILE", "manifest.csv");
        var noUsers = new LinkedHashMap<>(small);
        noUsers.remove("users.csv");
        assertFileError(admin, OneRosterBundles.zip(dir.resolve("b.zip"), noUsers), "MISSING_FILE", "users.csv");
        var oldVersion = new LinkedHashMap<>(small);
        oldVersion.put("manifest.csv", small.get("manifest.csv").replace("oneroster.version,1.1", "oneroster.version,1.0"));
        assertFileError(admin, OneRosterBundles.zip(dir.resolve("c.zip"), oldVersion), "UNSUPPORTED_VERSION", "1.0");
        var noEmail = new LinkedHashMap<>(small);
        noEmail.put("users.csv", small.get("users.csv").replace(",email,", ",mail,"));
        var missing = assertFileError(admin, OneRosterBundles.zip(dir.resolve("d.zip"), noEmail), "MISSING_FIELDS",
            "users.csv");
        assertThat((List<String>) missing.read("$.missingFields")).contains("email");
    }

    @Test
    void anUnsafeArchiveIsRefusedBeforeAnyRowIsRead() throws Exception {
        var school = school(false);
        var admin = admin(school);

        assertFileError(admin, OneRosterBundles.pathTraversal(dir.resolve("t.zip")), "UNSAFE_ARCHIVE", "..");
        assertFileError(admin, OneRosterBundles.absolutePath(dir.resolve("p.zip"), "/etc/evil.csv"), "UNSAFE_ARCHIVE", "");
        assertFileError(admin, OneRosterBundles.nestedZip(dir.resolve("n.zip")), "UNSAFE_ARCHIVE", "");
        assertFileError(admin, OneRosterBundles.manyEntries(dir.resolve("m.zip"), 60), "UNSAFE_ARCHIVE", "");
        // 200 MB of zeros packs into about 200 KB: over the 100 MB upload limit once unpacked.
        assertFileError(admin, OneRosterBundles.zipBomb(dir.resolve("z.zip"), 200L * 1024 * 1024), "UNSAFE_ARCHIVE", "");
        assertThat(json(get("/api/v1/imports?size=1000", admin)).read("$.total", Integer.class)).isZero();
    }

    @Test
    void aNightlyKeyUploadsTheSameBundleTwiceAndGetsTheFirstImport() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var made = postJson("/api/v1/schools/" + school + "/api-keys", admin, "{\"name\":\"Nightly SIS\"}");
        String key = json(made).read("$.key");
        var u = unique();
        var zip = bundle(OneRosterVersion.V1_1, ProcessingMode.DELTA,
            OneRosterBundles.csv(ORGS, "org-" + u + ",,,Ours,school," + school + ","),
            OneRosterBundles.csv(USERS_1_1, user("u1", "", "org-" + u, "student", "Ada", "Lovelace", "A-" + u,
                "ada." + u + "@example.org")), null);

        var first = call(MockMvcRequestBuilders.multipart("/api/v1/imports").file(new MockMultipartFile("file",
            "oneroster.zip", "application/zip", Files.readAllBytes(zip))).header("Idempotency-Key", "night-" + u), key);
        var again = call(MockMvcRequestBuilders.multipart("/api/v1/imports").file(new MockMultipartFile("file",
            "oneroster.zip", "application/zip", Files.readAllBytes(zip))).header("Idempotency-Key", "night-" + u), key);

        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(again).read("$.id", String.class)).isEqualTo(json(first).read("$.id", String.class));
        var report = awaitEnd(key, json(first).read("$.id"));
        assertThat((Integer) report.read("$.created")).isEqualTo(1);
    }

    private DocumentContext assertFileError(String admin, Path zip, String code, String words) throws Exception {
        var result = uploadZip(admin, zip);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(422);
        var problem = json(result);
        assertThat(problem.read("$.code", String.class)).isEqualTo(code);
        assertThat(problem.read("$.detail", String.class)).contains(words);
        return problem;
    }
}
