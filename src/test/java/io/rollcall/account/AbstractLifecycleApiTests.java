package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The contract's "Account lifecycle": deactivate and reactivate a person at a school, what that
 * does to signing in, to uploads and to welcome emails, and what another school's admin cannot do.
 * Runs on H2 and PostgreSQL.
 */
abstract class AbstractLifecycleApiTests extends ApiTestSupport {

    static final String TEMPORARY = "temporary-pass-1";

    private String student(String admin, String school, String email) throws Exception {
        var report = importFile(admin, csv(HEADER, String.join(",", "Sam", "Student", email, "0", "ID-" + unique(), school)),
            "customPassword", TEMPORARY);
        assertThat((Integer) report.read("$.created") + (Integer) report.read("$.updated")).isEqualTo(1);
        return email;
    }

    private MvcResult deactivate(String token, String school, String email) throws Exception {
        return call(post("/api/v1/schools/" + school + "/users/" + email + "/deactivate"), token);
    }

    private MvcResult reactivate(String token, String school, String email) throws Exception {
        return call(post("/api/v1/schools/" + school + "/users/" + email + "/reactivate"), token);
    }

    @Test
    void aDeactivatedPersonIsListedAsSuchAndFilteredByStatus() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var kept = student(admin, school, "kept." + unique() + "@example.com");
        var gone = student(admin, school, "gone." + unique() + "@example.com");

        var result = deactivate(admin, school, gone);

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat((String) json(result).read("$.status")).isEqualTo("DEACTIVATED");
        assertThat((String) json(result).read("$.email")).isEqualTo(gone);
        assertThat(users(admin, school).get(kept)).containsEntry("status", "ACTIVE");
        assertThat(users(admin, school).get(gone)).containsEntry("status", "DEACTIVATED").containsEntry("firstName", "Sam");
        assertThat((List<String>) json(get("/api/v1/schools/" + school + "/users?status=DEACTIVATED", admin))
            .read("$.items[*].email")).containsExactly(gone);
        assertThat((List<String>) json(get("/api/v1/schools/" + school + "/users?status=active", admin))
            .read("$.items[*].email")).containsExactly(kept);
        var bad = get("/api/v1/schools/" + school + "/users?status=GRADUATED", admin);
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(bad).read("$.code")).isEqualTo("INVALID_REQUEST");
        // Twice is the same as once.
        assertThat((String) json(deactivate(admin, school, gone)).read("$.status")).isEqualTo("DEACTIVATED");
        assertThat((List<String>) json(get("/api/v1/audit?size=1000", operator))
            .read("$.items[?(@.event == 'USER_DEACTIVATED')].target")).containsOnlyOnce(gone);
    }

    @Test
    void aDeactivatedPersonCannotSignInAndTheirSessionEndsAtOnce() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = student(admin, school, "signin." + unique() + "@example.com");
        var session = signIn(email, TEMPORARY);

        deactivate(admin, school, email);

        var next = mvc.perform(MockMvcRequestBuilders.get("/change-password").session(session.session())).andReturn();
        assertThat(next.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/login?deactivated");
        assertThat(signInFromElsewhere(email, "wrong-password-1")).isEqualTo("/login?error");
        var token = tokenRequestFromElsewhere(email, TEMPORARY);
        assertThat(token.getResponse().getStatus()).isEqualTo(401);
        assertThat((String) json(token).read("$.detail")).contains("deactivated");
        var page = mvc.perform(MockMvcRequestBuilders.get("/login?deactivated")).andReturn().getResponse()
            .getContentAsString();
        assertThat(page).contains("This account is deactivated.", "Contact your school");

        reactivate(admin, school, email);

        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/");
    }

    @Test
    void aPersonActiveAtAnotherSchoolStillSignsIn() throws Exception {
        var first = school(false);
        var second = school(false);
        var firstAdmin = admin(first);
        var secondAdmin = admin(second);
        var email = student(firstAdmin, first, "two." + unique() + "@example.com");
        importFile(secondAdmin, csv(HEADER, String.join(",", "Sam", "Student", email, "0", "X-" + unique(), second)));

        deactivate(firstAdmin, first, email);
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/");

        deactivate(secondAdmin, second, email);
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/login?deactivated");
    }

    @Test
    void anUploadListingADeactivatedMemberFailsTheRowUnlessTheSchoolLetsUploadsReactivate() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = "again." + unique() + "@example.com";
        var row = String.join(",", "Ann", "Again", email, "0", "A-" + unique(), school);
        importFile(admin, csv(HEADER, row));
        deactivate(admin, school, email);

        var refused = importFile(admin, csv(HEADER, row));

        assertThat(List.<Object>of(refused.read("$.created"), refused.read("$.updated"), refused.read("$.unchanged"),
            refused.read("$.failed"))).containsExactly(0, 0, 0, 1);
        assertThat((List<String>) refused.read("$.errors[*].code")).containsExactly("ACCOUNT_DEACTIVATED");
        assertThat((List<String>) refused.read("$.errors[*].message"))
            .containsExactly("Account is deactivated at this school; reactivate it first");
        assertThat(users(admin, school).get(email)).containsEntry("status", "DEACTIVATED");

        var patched = patchJson("/api/v1/schools/" + school, operator, "{\"uploadsReactivate\":true}");
        assertThat(patched.getResponse().getStatus()).isEqualTo(200);
        assertThat((Boolean) json(patched).read("$.uploadsReactivate")).isTrue();
        var reactivated = importFile(admin, csv(HEADER, row));

        assertThat(List.<Object>of(reactivated.read("$.updated"), reactivated.read("$.failed"))).containsExactly(1, 0);
        assertThat(users(admin, school).get(email)).containsEntry("status", "ACTIVE");
        var again = importFile(admin, csv(HEADER, row));
        assertThat((Integer) again.read("$.unchanged")).isEqualTo(1);
    }

    @Test
    void noWelcomeEmailIsResentToADeactivatedPerson() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = student(admin, school, "mail." + unique() + "@example.com");
        deactivate(admin, school, email);

        var resend = call(post("/api/v1/schools/" + school + "/users/" + email + "/welcome-email"), admin);

        assertThat(resend.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(resend).read("$.code")).isEqualTo("ACCOUNT_DEACTIVATED");
    }

    @Test
    void anotherSchoolsAdminCanNeitherDeactivateNorReactivate() throws Exception {
        var school = school(false);
        var other = school(false);
        var admin = admin(school);
        var intruder = admin(other);
        var email = student(admin, school, "target." + unique() + "@example.com");

        assertThat(deactivate(intruder, school, email).getResponse().getStatus()).isEqualTo(403);
        // Through their own school, the person is simply not found.
        var viaOwn = deactivate(intruder, other, email);
        assertThat(viaOwn.getResponse().getStatus()).isEqualTo(404);
        assertThat((String) json(viaOwn).read("$.code")).isEqualTo("NOT_FOUND");
        deactivate(admin, school, email);
        assertThat(reactivate(intruder, school, email).getResponse().getStatus()).isEqualTo(403);
        assertThat(reactivate(intruder, other, email).getResponse().getStatus()).isEqualTo(404);
        assertThat(users(admin, school).get(email)).containsEntry("status", "DEACTIVATED");
        // Nor can they change the school's policy.
        assertThat(patchJson("/api/v1/schools/" + school, intruder, "{\"uploadsReactivate\":true}")
            .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void adminsAndUnknownPeopleAreRefused() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = student(admin, school, "promoted." + unique() + "@example.com");
        grantAdmin(school, email);

        var protectedAccount = deactivate(admin, school, email);
        assertThat(protectedAccount.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(protectedAccount).read("$.code")).isEqualTo("PROTECTED_ACCOUNT");
        var unknown = deactivate(admin, school, "nobody." + unique() + "@example.com");
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(deactivate(null, school, email).getResponse().getStatus()).isEqualTo(401);
    }

    private MvcResult remove(String token, String school, String email) throws Exception {
        return call(MockMvcRequestBuilders.delete("/api/v1/schools/" + school + "/users/" + email), token);
    }

    @Test
    void removingOneOfTwoMembershipsKeepsThePersonAndMovesTheirHome() throws Exception {
        var first = school(false);
        var second = school(false);
        var firstAdmin = admin(first);
        var secondAdmin = admin(second);
        var email = student(firstAdmin, first, "moves." + unique() + "@example.com");
        importFile(secondAdmin, csv(HEADER, String.join(",", "Sam", "Student", email, "1", "M-" + unique(), second)));
        assertThat(users(secondAdmin, second).get(email)).containsEntry("home", false);

        assertThat(remove(firstAdmin, first, email).getResponse().getStatus()).isEqualTo(204);

        assertThat(users(firstAdmin, first)).doesNotContainKey(email);
        assertThat(users(secondAdmin, second).get(email)).containsEntry("home", true).containsEntry("hasPassword", true);
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/");
        assertThat(remove(firstAdmin, first, email).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void removingTheLastMembershipErasesThePersonFromEveryTable() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = "Erase.Me." + unique() + "@Example.com";
        var report = importFile(admin, csv(HEADER, String.join(",", "Eve", "Erased", email, "0", "E-" + unique(), school),
            String.join(",", "Bad", "Row", "not-an-email", "0", "E-" + unique(), school)),
            "customPassword", TEMPORARY, "sendWelcomeEmails", "true");
        String importId = report.read("$.id");
        var failing = importFile(admin, csv(HEADER, String.join(",", "Eve", "Again", email, "2", "E-" + unique(), school)));
        signIn(email, TEMPORARY);
        signInFromElsewhere(email, "a-wrong-password");
        deactivate(admin, school, email);
        reactivate(admin, school, email);

        assertThat(remove(admin, school, email).getResponse().getStatus()).isEqualTo(204);

        var jdbc = context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        var textColumns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where lower(table_schema) = lower(current_schema())
                    and lower(data_type) in ('character varying', 'text', 'character', 'character large object')""")
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(textColumns).extracting(c -> c[0].toLowerCase()).contains("account", "audit_event", "import_error",
            "login_failure", "outbox");
        for (var column : textColumns) {
            long hits = jdbc.sql("select count(*) from " + column[0] + " where lower(" + column[1] + ") like :s")
                .param("s", "%" + email.toLowerCase() + "%").query(Long.class).single();
            assertThat(hits).as(column[0] + "." + column[1]).isZero();
        }
        var chunks = jdbc.sql("select data from import_file_chunk where import_id in (:ids)")
            .param("ids", List.of(importId, (String) failing.read("$.id"))).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(chunks).allSatisfy(bytes -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            .toLowerCase()).doesNotContain(email.toLowerCase()));
        assertThat(get("/api/v1/imports/" + importId + "/failed-rows.csv", admin).getResponse().getStatus()).isEqualTo(410);
        var pseudonym = new io.rollcall.privacy.Person(0, email).pseudonym();
        List<String> targets = json(get("/api/v1/audit?size=1000", operator)).read("$.items[*].target");
        assertThat(targets).contains(pseudonym);
        assertThat((List<String>) json(get("/api/v1/audit?size=1000", operator))
            .read("$.items[?(@.event == 'USER_ERASED')].target")).contains(pseudonym);
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/login?error");
        // The counts of the imports stay: only what named the person went.
        assertThat((Integer) json(get("/api/v1/imports/" + importId, admin)).read("$.created")).isEqualTo(1);
    }

    @Test
    void thePersonsDataIsExportedToTheirHomeSchoolAndOperatorsOnly() throws Exception {
        var home = school(false);
        var other = school(false);
        var homeAdminEmail = adminEmail(home);
        var homeAdmin = token(homeAdminEmail, ADMIN_PASSWORD);
        var otherAdmin = admin(other);
        var email = student(homeAdmin, home, "export." + unique() + "@example.com");
        importFile(otherAdmin, csv(HEADER, String.join(",", "Sam", "Student", email, "0", "X-" + unique(), other)));
        deactivate(homeAdmin, home, email);

        var export = get("/api/v1/schools/" + home + "/users/" + email + "/export", homeAdmin);

        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        var data = json(export);
        assertThat((String) data.read("$.email")).isEqualTo(email);
        assertThat((String) data.read("$.account.account.firstName")).isEqualTo("Sam");
        assertThat((List<String>) data.read("$.account.memberships[*].schoolId")).containsExactlyInAnyOrder(home, other);
        assertThat((List<String>) data.read("$.account.memberships[?(@.schoolId == '" + home + "')].status"))
            .containsExactly("DEACTIVATED");
        assertThat((List<String>) data.read("$.auditLog[*].event")).contains("USER_DEACTIVATED");
        assertThat((List<String>) data.read("$.history['" + home + "'][*].what"))
            .containsExactly("Account created by an upload", "Deactivated");
        assertThat((List<Object>) data.read("$.imports.uploadsNamingThem[*].rows[*].email")).hasSize(2).containsOnly(email);
        assertThat(data.read("$.account.account", java.util.Map.class)).doesNotContainKey("passwordHash");
        assertThat(export.getResponse().getContentAsString()).doesNotContain("$2a$").doesNotContain(TEMPORARY)
            // The staff who acted on the person are theirs to know about, not to be named to.
            .doesNotContain(homeAdminEmail).doesNotContain("127.0.0.1");
        assertThat((List<String>) data.read("$.auditLog[?(@.event == 'USER_DEACTIVATED')].actorEmail")).containsOnly("staff");
        assertThat(get("/api/v1/schools/" + home + "/users/" + email + "/export", operator).getResponse().getStatus())
            .isEqualTo(200);
        // Another school the person belongs to may not; nor may any other school's admin.
        assertThat(get("/api/v1/schools/" + other + "/users/" + email + "/export", otherAdmin).getResponse().getStatus())
            .isEqualTo(403);
        assertThat(get("/api/v1/schools/" + home + "/users/" + email + "/export", otherAdmin).getResponse().getStatus())
            .isEqualTo(403);
        assertThat(get("/api/v1/schools/" + home + "/users/nobody@example.com/export", homeAdmin).getResponse().getStatus())
            .isEqualTo(404);
    }

    // A teacher of one school made admin of another: what they do there as its admin (whom they deactivate,
    // the keys they make, where they sign in from) is not their home school's to read.
    @Test
    void anAdminsDataIsExportedToOperatorsOnlyNotToTheirHomeSchool() throws Exception {
        var home = school(false);
        var other = school(false);
        var homeAdmin = admin(home);
        var email = student(homeAdmin, home, "moving." + unique() + "@example.com");
        grantAdmin(other, email);

        var refused = get("/api/v1/schools/" + home + "/users/" + email + "/export", homeAdmin);

        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(refused).read("$.code")).isEqualTo("PROTECTED_ACCOUNT");
        assertThat(refused.getResponse().getContentAsString()).doesNotContain(other);
        assertThat(get("/api/v1/schools/" + home + "/users/" + email + "/export", operator).getResponse().getStatus())
            .isEqualTo(200);
    }

    @Test
    void anOperatorErasesAPersonEverywhereAndNoOneElseCan() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = student(admin, school, "gone.everywhere." + unique() + "@example.com");

        assertThat(call(MockMvcRequestBuilders.delete("/api/v1/users/" + email), admin).getResponse().getStatus())
            .isEqualTo(403);
        assertThat(call(MockMvcRequestBuilders.delete("/api/v1/users/" + email), operator).getResponse().getStatus())
            .isEqualTo(204);

        assertThat(users(admin, school)).doesNotContainKey(email);
        assertThat(call(MockMvcRequestBuilders.delete("/api/v1/users/" + email), operator).getResponse().getStatus())
            .isEqualTo(404);
        var adminEmail = adminEmail(school);
        var refused = call(MockMvcRequestBuilders.delete("/api/v1/users/" + adminEmail), operator);
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(refused).read("$.code")).isEqualTo("PROTECTED_ACCOUNT");
    }

    @Test
    void anotherSchoolsAdminCannotRemoveAndAdminsAreProtected() throws Exception {
        var school = school(false);
        var other = school(false);
        var admin = admin(school);
        var intruder = admin(other);
        var email = student(admin, school, "stays." + unique() + "@example.com");

        assertThat(remove(intruder, school, email).getResponse().getStatus()).isEqualTo(403);
        assertThat(remove(intruder, other, email).getResponse().getStatus()).isEqualTo(404);
        assertThat(users(admin, school)).containsKey(email);
        grantAdmin(school, email);
        var protectedAccount = remove(admin, school, email);
        assertThat(protectedAccount.getResponse().getStatus()).isEqualTo(409);
        assertThat((String) json(protectedAccount).read("$.code")).isEqualTo("PROTECTED_ACCOUNT");
    }

    @Test
    void erasingSomeoneLeavesUploadsThatNameAnotherAddressEndingTheSameWay() throws Exception {
        var a = school(false);
        var b = school(false);
        var aAdmin = admin(a);
        var bAdmin = admin(b);
        var u = unique();
        String kept = importFile(aAdmin, csv(HEADER, String.join(",", "Joann", "V", "joann" + u + "@example.com", "0", "V-" + u, a),
            String.join(",", "Bad", "Row", "bad" + u + "@example.com", "7", "W-" + u, a))).read("$.id");
        importFile(bAdmin, csv(HEADER, String.join(",", "Ann", "M", "ann" + u + "@example.com", "0", "A-" + u, b)));

        assertThat(remove(bAdmin, b, "ann" + u + "@example.com").getResponse().getStatus()).isEqualTo(204);

        assertThat(get("/api/v1/imports/" + kept + "/failed-rows.csv", aAdmin).getResponse().getStatus()).isEqualTo(200);
    }
}
