package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The contract's import rules, through the HTTP API. Runs once on H2 and once on PostgreSQL.
 */
abstract class AbstractImportApiTests extends ApiTestSupport {

    static String row(String first, String last, String email, String isTeacher, String issuedId, String school) {
        return String.join(",", first, last, email, isTeacher, issuedId, school);
    }

    // Past the most schools one statement names, the apply step finds and locks them from the staged rows.
    @Test
    void anOperatorsFileNamingMoreThanAThousandSchoolsIsImportedWhole() throws Exception {
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var prefix = "M" + unique() + "-";
        var rows = new ArrayList<String>();
        rows.add(HEADER);
        for (int i = 0; i < 1001; i++) {
            jdbc.sql("insert into school (school_id, name, created_at) values (:id, :id, current_timestamp)")
                .param("id", prefix + i).update();
            rows.add(row("Ann", "Many", prefix.toLowerCase() + i + "@example.com", "0", "A" + i, prefix + i));
        }
        var report = importFile(operator, csv(rows.toArray(String[]::new)));

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat(List.of(report.read("$.created"), report.read("$.failed"))).containsExactly(1001, 0);
        assertThat(jdbc.sql("select count(*) from membership where school_id like :prefix")
            .param("prefix", prefix + "%").query(Long.class).single()).isEqualTo(1001L);
    }

    @Test
    void createsAccountsAndMembershipsFromAValidFile() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("Jane", "Doe", "jane." + u + "@example.com", "0", "A1", school),
            row("Ian", "Instructor", "ian." + u + "@example.com", "1", "T1", school)));

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) report.read("$.totalRows")).isEqualTo(2);
        assertThat((Integer) report.read("$.processedRows")).isEqualTo(2);
        assertThat((Integer) report.read("$.created")).isEqualTo(2);
        assertThat((Integer) report.read("$.failed")).isZero();
        assertThat((Object) report.read("$.fileError")).isNull();
        var users = users(admin, school);
        assertThat(users.get("jane." + u + "@example.com"))
            .containsEntry("firstName", "Jane").containsEntry("role", "STUDENT").containsEntry("issuedId", "A1")
            .containsEntry("hasPassword", false).containsEntry("mustChangePassword", false);
        assertThat(users.get("ian." + u + "@example.com")).containsEntry("role", "INSTRUCTOR");
    }

    @Test
    void countsCreatedUpdatedAndUnchangedRows() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER,
            row("Ann", "One", "ann." + u + "@example.com", "0", "1", school),
            row("Bob", "Two", "bob." + u + "@example.com", "0", "2", school)));

        var report = importFile(admin, csv(HEADER,
            row("Ann", "One", "ANN." + u + "@Example.com", "0", "1", school),
            row("Bobby", "Two", "bob." + u + "@example.com", "1", "2b", school),
            row("Cy", "Three", "cy." + u + "@example.com", "0", "3", school)));

        assertThat(List.of(report.read("$.created"), report.read("$.updated"), report.read("$.unchanged"),
            report.read("$.failed"))).containsExactly(1, 1, 1, 0);
        var bob = users(admin, school).get("bob." + u + "@example.com");
        assertThat(bob).containsEntry("firstName", "Bobby").containsEntry("role", "INSTRUCTOR")
            .containsEntry("issuedId", "2b");
        assertThat(users(admin, school)).hasSize(3);
    }

    @Test
    void readsTheHeaderAndCheckboxValuesSpreadsheetsWrite() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv("First Name,last_name,E-mail,Is Teacher,Issued-ID,School ID",
            row("Ada", "Lovelace", "ada." + u + "@example.com", "TRUE", "A1", school),
            row("Alan", "Turing", "alan." + u + "@example.com", "no", "A2", school),
            row("Big", "Number", "big." + u + "@example.com", "0", "1.48726E+11", school)));

        assertThat((Integer) report.read("$.created")).isEqualTo(2);
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("INVALID_ISSUED_ID");
        assertThat(users(admin, school).get("ada." + u + "@example.com")).containsEntry("role", "INSTRUCTOR");
        assertThat(users(admin, school).get("alan." + u + "@example.com")).containsEntry("role", "STUDENT");

        var emailAddress = importFile(admin, csv("firstName,lastName,Email Address,isTeacher,issuedID,schoolID",
            row("Grace", "Hopper", "grace." + u + "@example.com", "y", "A3", school)));
        assertThat((Integer) emailAddress.read("$.created")).isEqualTo(1);
    }

    @Test
    void aMissingColumnNamesTheColumnsTheFileHas() throws Exception {
        var admin = admin(school(false));

        var refused = upload(admin, csv("First Name,Surname,Mail,isTeacher,issuedID,schoolID,,notes"));

        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat((List<String>) json(refused).read("$.missingFields")).containsExactly("lastName", "email");
        assertThat((List<String>) json(refused).read("$.foundFields"))
            .containsExactly("First Name", "Surname", "Mail", "isTeacher", "issuedID", "schoolID", "notes");
    }

    @Test
    void reportsRowErrorsWithSpreadsheetRowNumbersAndExactMessages() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            "",
            row("Ada", "Lovelace", "not-an-email", "0", "A1", school),
            row("", "Blank", "blank." + u + "@example.com", "0", "A2", school),
            row("Teach", "Er", "t." + u + "@example.com", "maybe", "A3", school),
            row("Ok", "Row", "ok." + u + "@example.com", "0", "A4", school)));

        assertThat((Integer) report.read("$.failed")).isEqualTo(3);
        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat((Integer) report.read("$.errorCount")).isEqualTo(3);
        List<Map<String, Object>> errors = report.read("$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("field"), e -> e.get("code"), e -> e.get("message"))
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "email", "INVALID_EMAIL", "Validation isEmail on email failed"),
                org.assertj.core.groups.Tuple.tuple(4, "firstName", "MISSING_VALUE", "firstName is required"),
                org.assertj.core.groups.Tuple.tuple(5, "isTeacher", "INVALID_IS_TEACHER", "isTeacher must be 0 or 1"));
        assertThat(errors.get(1)).containsEntry("email", "blank." + u + "@example.com");
        assertThat(users(admin, school)).containsOnlyKeys("ok." + u + "@example.com");
    }

    @Test
    void reportsOverlongValuesAndControlCharactersPerField() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("N".repeat(101), "Long", "long." + u + "@example.com", "0", "I".repeat(65), school),
            row("Nul\u0000l", "Char", "nul." + u + "@example.com", "0", "B2", school)));

        List<Map<String, Object>> errors = report.read("$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("code"), e -> e.get("message")).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "VALUE_TOO_LONG", "firstName is longer than 100 characters"),
            org.assertj.core.groups.Tuple.tuple(2, "VALUE_TOO_LONG", "issuedID is longer than 64 characters"),
            org.assertj.core.groups.Tuple.tuple(3, "INVALID_CHARACTER", "firstName contains a control character"));
        assertThat((Integer) report.read("$.failed")).isEqualTo(2);
        assertThat((Integer) report.read("$.errorCount")).isEqualTo(3);
    }

    @Test
    void readsAWindows1252FileAndKeepsLeadingZerosOfTheSchoolId() throws Exception {
        var school = "00" + unique();
        var created = postJson("/api/v1/schools", operator, """
                {"schoolId":"%s","name":"Zero School"}""".formatted(school));
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        var admin = admin(school);
        var email = "jose." + unique() + "@example.com";
        var bytes = csv(HEADER, row("Jos\u00e9", "Mu\u00f1oz", email, "1", "007", school))
            .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        var report = importFile(admin, bytes);

        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat(users(admin, school).get(email)).containsEntry("firstName", "Jos\u00e9")
            .containsEntry("lastName", "Mu\u00f1oz").containsEntry("issuedId", "007");
    }

    @Test
    void listsUsersFilteredByEmail() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER, row("Al", "A", "alpha." + u + "@example.com", "0", "1", school),
            row("Be", "B", "beta." + u + "@example.com", "0", "2", school)));
        var page = json(get("/api/v1/schools/" + school + "/users?email=ALPHA." + u, admin));
        assertThat((Integer) page.read("$.total")).isEqualTo(1);
        assertThat((List<String>) page.read("$.items[*].email")).containsExactly("alpha." + u + "@example.com");
        var all = json(get("/api/v1/schools/" + school + "/users?size=1&page=1", admin));
        assertThat((Integer) all.read("$.total")).isEqualTo(2);
        assertThat((List<String>) all.read("$.items[*].email")).containsExactly("beta." + u + "@example.com");
    }

    @Test
    void everyRowSharingAnEmailFailsAndNamesTheOthers() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("A", "A", "same." + u + "@example.com", "0", "1", school),
            row("B", "B", "other." + u + "@example.com", "0", "2", school),
            row("C", "C", "SAME." + u + "@example.com", "0", "3", school),
            row("D", "D", " same." + u + "@EXAMPLE.com ", "0", "4", school)));

        List<Map<String, Object>> errors = report.read("$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("code"), e -> e.get("message")).containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "DUPLICATE_EMAIL", "Duplicate email with rows 4, 5"),
            org.assertj.core.groups.Tuple.tuple(4, "DUPLICATE_EMAIL", "Duplicate email with rows 2, 5"),
            org.assertj.core.groups.Tuple.tuple(5, "DUPLICATE_EMAIL", "Duplicate email with rows 2, 4"));
        assertThat(users(admin, school)).containsOnlyKeys("other." + u + "@example.com");
    }

    @Test
    void aPairOfDuplicateEmailsNamesTheOtherRow() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("A", "A", "pair." + u + "@example.com", "0", "1", school),
            row("B", "B", "pair." + u + "@example.com", "0", "2", school)));
        assertThat((List<String>) report.read("$.errors[*].message"))
            .containsExactly("Duplicate email with row 3", "Duplicate email with row 2");
    }

    @Test
    void everyRowSharingAnIssuedIdAtOneSchoolFails() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("A", "A", "a." + u + "@example.com", "0", "X9", school),
            row("B", "B", "b." + u + "@example.com", "0", "X9", school),
            row("C", "C", "c." + u + "@example.com", "0", "x9", school)));
        assertThat((List<Object>) report.read("$.errors[*].row")).containsExactly(2, 3);
        assertThat((List<String>) report.read("$.errors[*].message"))
            .containsExactly("Duplicate issuedID with row 3", "Duplicate issuedID with row 2");
        assertThat((List<String>) report.read("$.errors[*].code")).containsOnly("DUPLICATE_ISSUED_ID");
        assertThat(users(admin, school)).containsOnlyKeys("c." + u + "@example.com");
    }

    @Test
    void unauthorizedSchoolReadsTheSameForAForeignAndAMissingSchool() throws Exception {
        var school = school(false);
        var foreign = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            row("A", "A", "a." + u + "@example.com", "0", "1", foreign),
            row("B", "B", "b." + u + "@example.com", "0", "2", "NO-SUCH-" + u)));

        List<Map<String, Object>> errors = report.read("$.errors");
        assertThat(errors).hasSize(2).allSatisfy(error -> assertThat(error)
            .containsEntry("code", "UNAUTHORIZED_SCHOOL").containsEntry("message", "Unauthorized school")
            .containsEntry("field", "schoolID"));
        assertThat(users(operator, foreign)).isEmpty();
    }

    @Test
    void anUploadNeverChangesAnAdminOrOperatorAccount() throws Exception {
        var school = school(true);
        var adminEmail = adminEmail(school);
        var admin = token(adminEmail, ADMIN_PASSWORD);
        var report = importFile(admin, csv(HEADER,
            row("Evil", "Rename", adminEmail.toUpperCase(), "0", "P1", school),
            row("Evil", "Op", OPERATOR_EMAIL, "1", "P2", school)), "customPassword", "taken-over-1");

        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("PROTECTED_ACCOUNT", "PROTECTED_ACCOUNT");
        assertThat((List<String>) report.read("$.errors[*].message"))
            .containsOnly("Account has admin permissions and cannot be changed by upload");
        assertThat(tokenRequest(adminEmail, ADMIN_PASSWORD).getResponse().getStatus()).isEqualTo(201);
        assertThat(tokenRequest(OPERATOR_EMAIL, OPERATOR_PASSWORD).getResponse().getStatus()).isEqualTo(201);
        assertThat(tokenRequest(adminEmail, "taken-over-1").getResponse().getStatus()).isEqualTo(401);
        assertThat(users(admin, school)).isEmpty();
    }

    @Test
    void anIssuedIdHeldByAnotherAccountIsRefused() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER, row("Holder", "One", "holder." + u + "@example.com", "0", "ID-1", school)));
        var report = importFile(admin, csv(HEADER,
            row("New", "Comer", "new." + u + "@example.com", "0", "ID-1", school)));
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("ISSUED_ID_TAKEN");
        assertThat((List<String>) report.read("$.errors[*].message"))
            .containsExactly("issuedID already belongs to another user at this school");
        assertThat(users(admin, school)).containsOnlyKeys("holder." + u + "@example.com");
    }

    // On PostgreSQL the insert of new people is what finds a taken issuedID (its unique key); the step then
    // runs again with the check. Either way: every reason of every row, and the other rows written once.
    @Test
    void newPeopleWithSomeIssuedIdsTakenAreWrittenOnceAndEveryReasonIsNamed() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        importFile(admin, csv(HEADER,
            row("Holder", "One", "holder1." + u + "@example.com", "0", "T1", school),
            row("Holder", "Two", "holder2." + u + "@example.com", "0", "T2", school)));
        var content = csv(HEADER,
            row("Amy", "New", "amy." + u + "@example.com", "0", "N1", school),
            row("Ben", "New", "ben." + u + "@example.com", "0", "T1", school),
            row("Cat", "New", "cat." + u + "@example.com", "7", "T2", school),
            row("Dan", "New", "dan." + u + "@example.com", "1", "N2", school));

        var dryRun = importFile(admin, content, "dryRun", "true", "sendWelcomeEmails", "true");
        var real = importFile(admin, content, "sendWelcomeEmails", "true");

        for (var report : List.of(dryRun, real)) {
            assertThat(List.of(report.read("$.created"), report.read("$.updated"), report.read("$.failed")))
                .containsExactly(2, 0, 2);
            assertThat((List<Object>) report.read("$.errors[*].row")).containsExactly(3, 4, 4);
            assertThat((List<String>) report.read("$.errors[*].code"))
                .containsExactly("ISSUED_ID_TAKEN", "INVALID_IS_TEACHER", "ISSUED_ID_TAKEN");
        }
        assertThat((Integer) real.read("$.emailsQueued")).isEqualTo(2);
        assertThat(users(admin, school)).containsOnlyKeys("holder1." + u + "@example.com",
            "holder2." + u + "@example.com", "amy." + u + "@example.com", "dan." + u + "@example.com");
        assertThat(users(admin, school).get("dan." + u + "@example.com")).containsEntry("role", "INSTRUCTOR")
            .containsEntry("issuedId", "N2");

        // The only taken issuedID on a row that fails anyway: the insert has nothing to refuse.
        var failedAnyway = importFile(admin, csv(HEADER,
            row("Eve", "New", "eve." + u + "@example.com", "0", "N3", school),
            row("Fay", "New", "fay." + u + "@example.com", "7", "T1", school)));
        assertThat(List.of(failedAnyway.read("$.created"), failedAnyway.read("$.failed"))).containsExactly(1, 1);
        assertThat((List<String>) failedAnyway.read("$.errors[*].code"))
            .containsExactly("INVALID_IS_TEACHER", "ISSUED_ID_TAKEN");
    }

    @Test
    void customPasswordReplacesExistingPasswordsOnlyWhereTheSchoolAllows() throws Exception {
        var keeps = school(false);
        var overrides = school(true);
        var keepsAdmin = admin(keeps);
        var overridesAdmin = admin(overrides);
        var u = unique();
        var kept = "kept." + u + "@example.com";
        var replaced = "replaced." + u + "@example.com";
        importFile(keepsAdmin, csv(HEADER, row("K", "K", kept, "0", "1", keeps)), "customPassword", "first-pass-1");
        importFile(overridesAdmin, csv(HEADER, row("R", "R", replaced, "0", "1", overrides)), "customPassword",
            "first-pass-1");

        var keepReport = importFile(keepsAdmin, csv(HEADER, row("K", "K", kept, "0", "1", keeps)),
            "customPassword", "second-pass-2");
        var overrideReport = importFile(overridesAdmin, csv(HEADER, row("R", "R", replaced, "0", "1", overrides)),
            "customPassword", "second-pass-2");

        assertThat((Integer) keepReport.read("$.unchanged")).isEqualTo(1);
        assertThat((Integer) overrideReport.read("$.updated")).isEqualTo(1);
        // 403: the password is right but students get no API token; 401: the password is wrong.
        assertThat(tokenRequest(kept, "first-pass-1").getResponse().getStatus()).isEqualTo(403);
        assertThat(tokenRequest(kept, "second-pass-2").getResponse().getStatus()).isEqualTo(401);
        assertThat(tokenRequest(replaced, "second-pass-2").getResponse().getStatus()).isEqualTo(403);
        assertThat(tokenRequest(replaced, "first-pass-1").getResponse().getStatus()).isEqualTo(401);
        assertThat(users(overridesAdmin, overrides).get(replaced)).containsEntry("mustChangePassword", true);
    }

    @Test
    void newAccountsWithACustomPasswordMustChangeIt() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = "custom." + unique() + "@example.com";
        var report = importFile(admin, csv(HEADER, row("C", "P", email, "0", "1", school)),
            "customPassword", "Welcome-2026", "sendWelcomeEmails", "true");
        assertThat((Boolean) report.read("$.customPasswordSet")).isTrue();
        assertThat((Boolean) report.read("$.sendWelcomeEmails")).isTrue();
        assertThat((Integer) report.read("$.emailsQueued")).isEqualTo(1);
        assertThat(users(admin, school).get(email)).containsEntry("hasPassword", true)
            .containsEntry("mustChangePassword", true);
        assertThat(tokenRequest(email, "Welcome-2026").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void anAccountOfAnotherSchoolGetsTheMembershipButKeepsItsNameAndPassword() throws Exception {
        var first = school(true);
        var second = school(true);
        var firstAdmin = admin(first);
        var secondAdmin = admin(second);
        var email = "shared." + unique() + "@example.com";
        importFile(firstAdmin, csv(HEADER, row("Sam", "Shared", email, "0", "F1", first)), "customPassword", "first-pass-1");

        var report = importFile(secondAdmin, csv(HEADER, row("Renamed", "Person", email, "1", "S1", second)),
            "customPassword", "second-pass-2");

        assertThat((Integer) report.read("$.updated")).isEqualTo(1);
        assertThat((List<String>) report.read("$.warnings[*].code")).containsExactly("ACCOUNT_IN_OTHER_SCHOOL");
        assertThat((List<String>) report.read("$.warnings[*].message"))
            .containsExactly("Account also belongs to another school; its name and password were left unchanged");
        assertThat((List<Object>) report.read("$.warnings[*].row")).containsExactly(2);
        assertThat(users(secondAdmin, second).get(email)).containsEntry("firstName", "Sam")
            .containsEntry("role", "INSTRUCTOR").containsEntry("issuedId", "S1");
        assertThat(users(firstAdmin, first).get(email)).containsEntry("role", "STUDENT").containsEntry("issuedId", "F1");
        assertThat(tokenRequest(email, "first-pass-1").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aDryRunReportsTheSameCountsAndWritesNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var content = csv(HEADER,
            row("A", "A", "a." + u + "@example.com", "0", "1", school),
            row("B", "B", "bad-email", "0", "2", school));
        var report = importFile(admin, content, "dryRun", "true", "sendWelcomeEmails", "true");
        assertThat((Boolean) report.read("$.dryRun")).isTrue();
        assertThat(List.of(report.read("$.created"), report.read("$.failed"), report.read("$.emailsQueued")))
            .containsExactly(1, 1, 0);
        assertThat(users(admin, school)).isEmpty();

        var real = importFile(admin, content);
        assertThat((Integer) real.read("$.created")).isEqualTo(1);
    }

    @Test
    void missingColumnsAreAFileErrorThatNamesThemAndCreatesNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var result = upload(admin, csv("firstName,lastName,isTeacher,issuedID",
            "Ann,One,0,1"));
        assertThat(result.getResponse().getStatus()).isEqualTo(422);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        var problem = json(result);
        assertThat((String) problem.read("$.code")).isEqualTo("MISSING_FIELDS");
        assertThat((String) problem.read("$.detail")).isEqualTo("Missing required fields: email, schoolID");
        assertThat((List<String>) problem.read("$.missingFields")).containsExactly("email", "schoolID");
        assertThat((Integer) problem.read("$.status")).isEqualTo(422);
        assertThat((String) problem.read("$.type")).isEqualTo("/problems/missing-fields");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
    }

    @Test
    void eachHeaderFileErrorIsRefusedWithItsCode() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var workbook = new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        var manyColumns = new StringBuilder(HEADER);
        for (int i = 0; i < 1000; i++) {
            manyColumns.append(",extra").append(i);
        }
        assertThat(fileErrorCode(upload(admin, new byte[0]))).isEqualTo("EMPTY_FILE");
        assertThat(fileErrorCode(upload(admin, "\n\n \n"))).isEqualTo("EMPTY_FILE");
        assertThat(fileErrorCode(upload(admin, workbook))).isEqualTo("NOT_CSV");
        assertThat(fileErrorCode(upload(admin, "%PDF-1.7\n%\u00e2\u00e3".getBytes(StandardCharsets.ISO_8859_1))))
            .isEqualTo("NOT_CSV");
        assertThat(fileErrorCode(upload(admin, csv(HEADER + ",Email", "a,b,c,0,1,2,d")))).isEqualTo("DUPLICATE_COLUMN");
        assertThat(fileErrorCode(upload(admin, csv(manyColumns.toString())))).isEqualTo("TOO_MANY_COLUMNS");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
    }

    private static String fileErrorCode(org.springframework.test.web.servlet.MvcResult result) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(422);
        return json(result).read("$.code");
    }

    @Test
    void aMalformedQuoteAtRow9000LeavesEarlierRowsUnwritten() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int row = 2; row < 9000; row++) {
            lines.add(row("F" + row, "L", "p" + row + "." + u + "@example.com", "0", "I" + row, school));
        }
        lines.add("\"Broken,Quote,broken." + u + "@example.com,0,I9000," + school);
        lines.add(row("After", "L", "after." + u + "@example.com", "0", "I9001", school));

        var report = importFile(admin, csv(lines.toArray(String[]::new)));

        assertThat((String) report.read("$.status")).isEqualTo("FAILED");
        assertThat((String) report.read("$.fileError.code")).isEqualTo("MALFORMED_CSV");
        assertThat((String) report.read("$.fileError.message")).contains("row 9000");
        assertThat((Integer) report.read("$.created")).isZero();
        assertThat(users(admin, school)).isEmpty();
    }

    @Test
    void tooManyRowsFailsTheImportAndWritesNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var lines = new ArrayList<String>();
        // An unknown column and a bad row among the first 10,000: their warning and error are
        // staged while the file is read, before its 10,001st row refuses it.
        lines.add(HEADER + ",notes");
        lines.add(row("Bad", "Row", "not-an-email", "0", "X", school) + ",");
        for (int row = 1; row <= 10_000; row++) {
            lines.add(row("F", "L", "m" + row + "." + u + "@example.com", "0", "I" + row, school) + ",");
        }
        var report = importFile(admin, csv(lines.toArray(String[]::new)));
        assertThat((String) report.read("$.status")).isEqualTo("FAILED");
        assertThat((String) report.read("$.fileError.code")).isEqualTo("TOO_MANY_ROWS");
        assertThat((String) report.read("$.fileError.message"))
            .isEqualTo("The file has more than 10000 rows; split it into smaller files");
        assertThat((List<?>) report.read("$.errors")).isEmpty();
        assertThat((List<?>) report.read("$.warnings")).isEmpty();
        assertThat(users(admin, school)).isEmpty();
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        String id = report.read("$.id");
        for (var table : List.of("import_row", "import_error", "import_warning")) {
            assertThat(jdbc.sql("select count(*) from " + table + " where import_id = :id").param("id", id)
                .query(Long.class).single()).as(table).isZero();
        }
    }

    @Test
    void aRunningImportShowsItsRowsOnlyOnceItHasEnded() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER + ",notes",
            row("Bad", "Row", "not-an-email", "0", "X", school) + ",",
            row("Good", "Row", "good." + u + "@example.com", "0", "G1", school) + ","));
        String id = report.read("$.id");
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        // As it stands while a worker reads its file: its errors and warnings so far already staged.
        jdbc.sql("""
                update import_job set status = 'RUNNING', worker = 'elsewhere', finished_at = null,
                    heartbeat_at = current_timestamp + interval '1' hour where id = :id""").param("id", id).update();
        try {
            var running = json(get("/api/v1/imports/" + id, admin));
            assertThat((String) running.read("$.status")).isEqualTo("RUNNING");
            assertThat((List<?>) running.read("$.errors")).isEmpty();
            assertThat((Integer) running.read("$.errorCount")).isZero();
            assertThat((List<?>) running.read("$.warnings")).isEmpty();
            assertThat((Integer) json(get("/api/v1/imports/" + id + "/errors", admin)).read("$.total")).isZero();
        } finally {
            jdbc.sql("update import_job set status = 'COMPLETED', finished_at = current_timestamp where id = :id")
                .param("id", id).update();
        }
        var ended = json(get("/api/v1/imports/" + id, admin));
        assertThat((List<String>) ended.read("$.errors[*].code")).containsExactly("INVALID_EMAIL");
        assertThat((List<String>) ended.read("$.warnings[*].code")).containsExactly("UNKNOWN_COLUMN");
        assertThat((Integer) json(get("/api/v1/imports/" + id + "/errors", admin)).read("$.total")).isEqualTo(1);
    }

    @Test
    void failedRowsDownloadEchoesTheUploadWithAnErrorColumn() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv("email,firstName,lastName,isTeacher,issuedID,schoolID,notes",
            "good." + u + "@example.com,Good,Row,0,1," + school + ",fine",
            "=HYPERLINK(\"x\"),\"Quote, Inc\",Row,2,2," + school + ",\"multi\nline\""));
        assertThat((Integer) report.read("$.failed")).isEqualTo(1);

        var result = get("/api/v1/imports/" + report.read("$.id") + "/failed-rows.csv", admin);
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment");
        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF"
            + "email,firstName,lastName,isTeacher,issuedID,schoolID,notes,error\r\n"
                + "\"=HYPERLINK(\"\"x\"\")\",\"Quote, Inc\",Row,2,2," + school + ",\"multi\nline\","
                + "Validation isEmail on email failed; isTeacher must be 0 or 1\r\n");
    }

    /** How a spreadsheet program wrote the file: its encoding (with the byte order mark it writes) and delimiter. */
    private record Export(String program, java.nio.charset.Charset charset, byte[] bom, String delimiter) {
    }

    @Test
    void theFailedRowsComeBackAsTheSpreadsheetWroteThemAndUploadAgainOnceCorrected() throws Exception {
        var exports = List.of(
            new Export("Excel CSV UTF-8", StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ","),
            new Export("European Excel CSV", java.nio.charset.Charset.forName("windows-1252"), new byte[0], ";"),
            new Export("Excel Unicode Text", StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, "\t"),
            new Export("Excel for Mac CSV (Macintosh)", java.nio.charset.Charset.forName("x-MacRoman"), new byte[0], ","));
        for (var export : exports) {
            var school = school(false);
            var admin = admin(school);
            var u = unique();
            var d = export.delimiter();
            var header = String.join(d, "firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");
            var upload = concat(export.bom(), (header + "\r\n"
                + String.join(d, "José", "Müller", "jose." + u + "@example.com", "0", "1", school) + "\r\n"
                + String.join(d, "Zoë", "Ørsted", "zoe." + u + "@example", "1", "2", school) + "\r\n")
                .getBytes(export.charset()));
            var report = importFile(admin, upload);
            assertThat((Integer) report.read("$.failed")).as(export.program()).isEqualTo(1);

            var download = get("/api/v1/imports/" + report.read("$.id") + "/failed-rows.csv", admin).getResponse();
            var bytes = download.getContentAsByteArray();
            assertThat(java.util.Arrays.copyOf(bytes, export.bom().length)).as(export.program()).isEqualTo(export.bom());
            var text = new String(bytes, export.bom().length, bytes.length - export.bom().length, export.charset());
            assertThat(text).as(export.program()).isEqualTo(header + d + "error\r\n"
                + String.join(d, "Zoë", "Ørsted", "zoe." + u + "@example", "1", "2", school, "Validation isEmail on email failed")
                + "\r\n");

            // Corrected as the admin would: the email fixed, the error column dropped, saved the same way.
            var corrected = text.replace("@example" + d, "@example.com" + d).replace(d + "error", "")
                .replace(d + "Validation isEmail on email failed", "");
            var again = importFile(admin, concat(export.bom(), corrected.getBytes(export.charset())));
            assertThat((Integer) again.read("$.created")).as(export.program()).isEqualTo(1);
            assertThat(users(admin, school).get("zoe." + u + "@example.com")).as(export.program())
                .containsEntry("firstName", "Zoë").containsEntry("lastName", "Ørsted");
        }
    }

    @Test
    void readsAMacRomanFileAsMacRomanAndSaysSoWithTheNamesItRead() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var file = ("firstName,lastName,email,isTeacher,issuedID,schoolID\r"
            + "Ada,Lovelace,ada." + u + "@example.com,0,1," + school + "\r"
            + "José,Müller,jose." + u + "@example.com,0,2," + school + "\r"
            + "Zoë,Ängström,zoe." + u + "@example.com,1,3," + school + "\r").getBytes(java.nio.charset.Charset.forName("x-MacRoman"));

        var report = importFile(admin, file);

        assertThat((Integer) report.read("$.created")).isEqualTo(3);
        assertThat((String) report.read("$.encoding")).isEqualTo("macintosh");
        assertThat((List<String>) report.read("$.warnings[*].code")).containsExactly("ENCODING_GUESSED");
        assertThat((String) report.read("$.warnings[0].message")).isEqualTo("The file is not UTF-8 and does not say how it"
            + " is encoded, so it was read as Mac Roman, as Excel for Mac saves \"CSV (Macintosh)\". Names read: José Müller"
            + " (row 3), Zoë Ängström (row 4), Ada Lovelace (row 2). If they look wrong, upload it again with its encoding"
            + " chosen under File options");
        assertThat(users(admin, school).get("jose." + u + "@example.com")).containsEntry("firstName", "José")
            .containsEntry("lastName", "Müller");
    }

    @Test
    void readsTheFileInTheEncodingTheUploaderChoseWithoutAWarning() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var file = csv(HEADER, row("Chloé", "Brontë", "chloe." + u + "@example.com", "0", "1", school))
            .getBytes(java.nio.charset.Charset.forName("x-MacRoman"));

        var report = importFile(admin, file, "encoding", "MACINTOSH");

        assertThat((String) report.read("$.encoding")).isEqualTo("macintosh");
        assertThat((List<String>) report.read("$.warnings")).isEmpty();
        assertThat(users(admin, school).get("chloe." + u + "@example.com")).containsEntry("firstName", "Chloé")
            .containsEntry("lastName", "Brontë");
        assertThat((String) importFile(admin, csv(HEADER, row("Ann", "Lee", "ann." + u + "@example.com", "0", "2", school)))
            .read("$.encoding")).isEqualTo("utf-8");
    }

    @Test
    void refusesAnEncodingTheFileCannotBeInAndAnUnknownOne() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var file = csv(HEADER, row("Chloé", "Brontë", "chloe." + u + "@example.com", "0", "1", school))
            .getBytes(java.nio.charset.Charset.forName("windows-1252"));

        var mismatch = upload(admin, file, "encoding", "utf-8");
        assertThat(mismatch.getResponse().getStatus()).isEqualTo(422);
        assertThat((String) json(mismatch).read("$.code")).isEqualTo("ENCODING_MISMATCH");
        var unknown = upload(admin, file, "encoding", "latin-9");
        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(unknown).read("$.detail")).isEqualTo(
            "encoding must be one of auto, utf-8, windows-1252, macintosh, utf-16; nothing was imported");
        assertThat(users(admin, school)).isEmpty();
    }

    @Test
    void pointsAtDroppedLeadingZerosAndLineBreaksInCells() throws Exception {
        var digits = String.valueOf(System.nanoTime() % 100_000_000L);
        var school = "00" + digits;
        assertThat(postJson("/api/v1/schools", operator, """
                {"schoolId":"%s","name":"Zeros %s"}""".formatted(school, digits)).getResponse().getStatus()).isEqualTo(201);
        var admin = admin(school);
        var u = unique();

        var report = importFile(admin, csv(HEADER, row("Ada", "Lovelace", "ada." + u + "@example.com", "0", "1", digits),
            "\"Mary\nAnn\",Shelley,mary." + u + "@example.com,0,2," + school));

        assertThat((List<String>) report.read("$.errors[*].message")).containsExactly(
            "Unauthorized school. Did a spreadsheet drop leading zeros? You administer school " + school
                + "; format the schoolID column as Text and export again",
            "firstName contains a line break");
    }

    private MvcResult uploadWithKey(String token, String content, String key, String... options) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "roster.csv", "text/csv",
                content.getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < options.length; i += 2) {
            request.param(options[i], options[i + 1]);
        }
        request.header("Idempotency-Key", key);
        return call(request, token);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAndFileReturnsTheFirstImport() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var file = csv(HEADER, row("Ida", "Empotent", "ida." + u + "@example.com", "0", "I1", school));
        var key = "nightly-" + u;

        var first = uploadWithKey(admin, file, key);
        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        String id = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
        awaitEnd(admin, id);
        var retry = uploadWithKey(admin, file, key);

        assertThat(retry.getResponse().getStatus()).isEqualTo(200);
        assertThat((String) JsonPath.read(retry.getResponse().getContentAsString(), "$.id")).isEqualTo(id);
        assertThat(retry.getResponse().getHeader("Location")).isEqualTo("/api/v1/imports/" + id);
        assertThat((Integer) JsonPath.read(retry.getResponse().getContentAsString(), "$.created")).isEqualTo(1);
        assertThat((Integer) json(get("/api/v1/imports?size=1000", admin)).read("$.total")).isEqualTo(1);

        var otherFile = uploadWithKey(admin, csv(HEADER, row("Other", "File", "o." + u + "@example.com", "0", "I2", school)), key);
        assertThat(otherFile.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(otherFile).read("$.code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        // Another caller's key is their own.
        var colleague = admin(school);
        assertThat(uploadWithKey(colleague, file, key).getResponse().getStatus()).isEqualTo(202);
        // After 24 hours the key may name a new upload.
        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        jdbc.sql("update import_job set created_at = :old where id = :id")
            .param("old", java.time.OffsetDateTime.now().minusHours(25)).param("id", id).update();
        var later = uploadWithKey(admin, file, key);
        assertThat(later.getResponse().getStatus()).isEqualTo(202);
        assertThat((String) JsonPath.read(later.getResponse().getContentAsString(), "$.id")).isNotEqualTo(id);

        var tooLong = uploadWithKey(admin, file, "k".repeat(256));
        assertThat(tooLong.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(tooLong).read("$.code")).isEqualTo("INVALID_REQUEST");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @Test
    void errorsArePagedInRowOrder() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 0; i < 30; i++) {
            lines.add(row("F", "L", "bad" + i, "0", "E" + i, school));
        }
        var report = importFile(admin, csv(lines.toArray(String[]::new)));
        var page = json(get("/api/v1/imports/" + report.read("$.id") + "/errors?page=1&size=10", admin));
        assertThat((Integer) page.read("$.total")).isEqualTo(30);
        assertThat((Integer) page.read("$.page")).isEqualTo(1);
        assertThat((Integer) page.read("$.size")).isEqualTo(10);
        assertThat((List<Object>) page.read("$.items[*].row")).containsExactly(12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
    }

    @Test
    void unknownColumnsAreIgnoredWithAWarning() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = "w." + unique() + "@example.com";
        var report = importFile(admin, "\uFEFF" + csv(" FIRSTNAME ;lastname;Email;isteacher;ISSUEDID;SchoolId;Phone",
            "Wanda;Warn;" + email + ";0;W1;" + school + ";555"));
        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat((List<Object>) report.read("$.warnings[*].row")).containsExactly(1);
        assertThat((List<String>) report.read("$.warnings[*].code")).containsExactly("UNKNOWN_COLUMN");
    }

    @Test
    void anInvalidCustomPasswordIsRefusedBeforeAnythingIsStored() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var result = upload(admin, csv(HEADER), "customPassword", "short");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(result).read("$.code")).isEqualTo("INVALID_PASSWORD");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
    }

    @Test
    void anotherSchoolsImportIsNotFoundForAnAdmin() throws Exception {
        var school = school(false);
        var other = school(false);
        var admin = admin(school);
        var otherAdmin = admin(other);
        var report = importFile(admin, csv(HEADER, row("A", "B", "x." + unique() + "@example.com", "0", "1", school)));
        String id = report.read("$.id");
        assertThat(get("/api/v1/imports/" + id, otherAdmin).getResponse().getStatus()).isEqualTo(404);
        assertThat(get("/api/v1/imports/" + id + "/errors", otherAdmin).getResponse().getStatus()).isEqualTo(404);
        assertThat(get("/api/v1/imports/" + id + "/failed-rows.csv", otherAdmin).getResponse().getStatus()).isEqualTo(404);
        assertThat((Integer) json(get("/api/v1/imports", otherAdmin)).read("$.total")).isZero();
        assertThat(get("/api/v1/imports/" + id, operator).getResponse().getStatus()).isEqualTo(200);
        var coAdmin = admin(school);
        assertThat(get("/api/v1/imports/" + id, coAdmin).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void theExampleFileImportsCleanlyIntoTheWalkThroughSchool() throws Exception {
        var example = get("/templates/create-users-example.csv", null);
        assertThat(example.getResponse().getStatus()).isEqualTo(200);
        var template = get("/templates/create-users-template.csv", null);
        assertThat(template.getResponse().getContentAsString().trim()).isEqualTo(HEADER);
        var result = postJson("/api/v1/schools", operator, """
                {"schoolId":"648572","name":"Demo Campus","customPasswordOverridesExisting":false}""");
        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        var admin = admin("648572");
        var report = importFile(admin, example.getResponse().getContentAsString(StandardCharsets.UTF_8),
            "sendWelcomeEmails", "true", "customPassword", "Welcome-2026");
        assertThat((Integer) report.read("$.failed")).isZero();
        assertThat((Integer) report.read("$.created")).isEqualTo(5);
        assertThat(postJson("/api/v1/schools", operator, """
                {"schoolId":"648572","name":"Again"}""").getResponse().getStatus()).isEqualTo(409);
    }
}
