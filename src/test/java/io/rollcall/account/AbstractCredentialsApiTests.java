package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rollcall.ApiTestSupport;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * One owner per account, and a changed password is the end of the old one: admin grants take an
 * account over cleanly, revoked admins stay out of reach of uploads, every password the policy
 * accepts signs in exactly as typed, and a password change ends every other way in.
 */
abstract class AbstractCredentialsApiTests extends ApiTestSupport {

    private static final String TEMPORARY = "Chosen-By-School-A-1";
    private static final String GRANTED = "Granted-By-Operator-1";

    @Autowired
    JdbcClient jdbc;

    private String grant(String schoolId, String email, String password) throws Exception {
        return postJson("/api/v1/schools/" + schoolId + "/admins", operator,
            "{\"email\":\"%s\",\"password\":%s}".formatted(email, password == null ? "null" : "\"" + password + "\""))
            .getResponse().getContentAsString();
    }

    private int tokenStatus(String email, String password) throws Exception {
        return tokenRequestFromElsewhere(email, password).getResponse().getStatus();
    }

    private String row(String email, String school) {
        return String.join(",", "Vic", "Tim", email, "0", "V" + unique(), school);
    }

    @Test
    void grantingAdminToAnUploadedAddressEndsThePasswordTheUploaderChose() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        var adminA = admin(schoolA);
        var victim = "victim." + unique() + "@example.com";
        importFile(adminA, csv(HEADER, row(victim, schoolA)), "customPassword", TEMPORARY);

        var granted = json(postJson("/api/v1/schools/" + schoolB + "/admins", operator,
            "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(victim, GRANTED)));

        assertThat(List.of(granted.read("$.accountCreated"), granted.read("$.credentialsReset")))
            .containsExactly(false, true);
        assertThat(tokenStatus(victim, TEMPORARY)).isEqualTo(401);
        assertThat(tokenStatus(victim, GRANTED)).isEqualTo(201);
        // And school A cannot put a password of its choosing back.
        patchJson("/api/v1/schools/" + schoolA, operator, "{\"customPasswordOverridesExisting\":true}");
        var again = importFile(adminA, csv(HEADER, row(victim, schoolA)), "customPassword", TEMPORARY);
        assertThat((List<String>) again.read("$.errors[*].code")).containsExactly("PROTECTED_ACCOUNT");
        assertThat(tokenStatus(victim, GRANTED)).isEqualTo(201);
    }

    @Test
    void aTakeoverEndsTheOldSessionsLinksTokensAndQueuedEmails() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        var adminA = admin(schoolA);
        var victim = "taken." + unique() + "@example.com";
        importFile(adminA, csv(HEADER, row(victim, schoolA)), "customPassword", TEMPORARY, "sendWelcomeEmails", "true");
        var session = signIn(victim, TEMPORARY);
        var link = newLink(victim);

        grant(schoolB, victim, GRANTED);

        var page = mvc.perform(MockMvcRequestBuilders.get("/home").session(session.session())).andReturn();
        assertThat(page.getResponse().getRedirectedUrl()).endsWith("/login");
        var used = postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"%s\"}".formatted(link,
            "Link-Holder-Pass-1"));
        assertThat((String) json(used).read("$.code")).isEqualTo("INVALID_TOKEN");
        assertThat(jdbc.sql("""
                select o.status from outbox o join account a on a.id = o.account_id where a.email_key = :key""")
            .param("key", victim).query(String.class).list()).containsExactly("CANCELLED");
        assertThat(tokenStatus(victim, GRANTED)).isEqualTo(201);
    }

    @Test
    void aGrantToAnExistingAccountNeedsThePasswordItIsToHave() throws Exception {
        var schoolA = school(false);
        var adminA = admin(schoolA);
        var student = "needs.pass." + unique() + "@example.com";
        importFile(adminA, csv(HEADER, row(student, schoolA)), "customPassword", TEMPORARY);

        var refused = postJson("/api/v1/schools/" + school(false) + "/admins", operator,
            "{\"email\":\"%s\"}".formatted(student));

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(refused).read("$.code")).isEqualTo("INVALID_PASSWORD");
        assertThat((String) json(refused).read("$.detail")).contains("exists and holds no admin permission");
        assertThat(signInStatus(student, TEMPORARY)).isEqualTo("/");
    }

    @Test
    void anAdminGrantedAtASecondSchoolKeepsTheirPassword() throws Exception {
        var schoolA = school(false);
        var email = adminEmail(schoolA);
        var token = token(email, ADMIN_PASSWORD);

        var granted = json(postJson("/api/v1/schools/" + school(false) + "/admins", operator,
            "{\"email\":\"%s\"}".formatted(email)));

        assertThat(List.of(granted.read("$.accountCreated"), granted.read("$.credentialsReset")))
            .containsExactly(false, false);
        assertThat(get("/api/v1/schools", token).getResponse().getStatus()).isEqualTo(200);
        assertThat(tokenStatus(email, ADMIN_PASSWORD)).isEqualTo(201);
    }

    @Test
    void aRevokedAdminStaysOutOfReachOfUploads() throws Exception {
        var schoolA = school(true);
        var schoolB = school(false);
        var adminA = admin(schoolA);
        var former = adminEmail(schoolB);
        assertThat(call(delete("/api/v1/schools/" + schoolB + "/admins/" + former), operator).getResponse().getStatus())
            .isEqualTo(204);

        var report = importFile(adminA, csv(HEADER, row(former, schoolA)), "customPassword", TEMPORARY);

        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("PROTECTED_ACCOUNT");
        assertThat(jdbc.sql("select count(*) from account a join membership m on m.account_id = a.id "
            + "where a.email_key = :key").param("key", former).query(Long.class).single()).isZero();
        assertThat(signInStatus(former, ADMIN_PASSWORD)).isEqualTo("/");
        assertThat(signInStatus(former, TEMPORARY)).isEqualTo("/login?error");
    }

    private String signInStatus(String email, String password) throws Exception {
        return signInFromElsewhere(email, password);
    }

    @Test
    void everyPasswordThePolicyAcceptsSignsInExactlyAsTyped() throws Exception {
        var school = school(false);
        // 128 characters, 4 bytes each in UTF-8: 512 bytes, far beyond bcrypt's 72.
        var emoji = "\uD83D\uDE00".repeat(127) + "x";
        var accented = "é".repeat(100) + "-Pass-1";
        for (var password : List.of(emoji, accented, "a".repeat(128), " leading and trailing spaces ")) {
            var email = "long." + unique() + "@school.example.com";
            var created = postJson("/api/v1/schools/" + school + "/admins", operator,
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password));
            assertThat(created.getResponse().getStatus()).as(password).isEqualTo(201);

            assertThat(tokenStatus(email, password)).as(password).isEqualTo(201);
            assertThat(signInStatus(email, password)).as(password).isEqualTo("/");
            // Nothing is cut: the first 72 bytes, or the password less its last character, do not sign in.
            assertThat(tokenStatus(email, password.substring(0, password.length() - 1))).as(password).isEqualTo(401);
            assertThat(tokenStatus(email, password.strip())).as(password)
                .isEqualTo(password.equals(password.strip()) ? 201 : 401);
        }
        var tooLong = postJson("/api/v1/schools/" + school + "/admins", operator,
            "{\"email\":\"x%s@example.com\",\"password\":\"%s\"}".formatted(unique(), "\uD83D\uDE00".repeat(129)));
        assertThat((String) json(tooLong).read("$.code")).isEqualTo("INVALID_PASSWORD");
    }

    @Test
    void aLongCustomPasswordSignsInAsTyped() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var student = "long.custom." + unique() + "@example.com";
        var custom = "Ünïcødé-".repeat(15);
        importFile(admin, csv(HEADER, row(student, school)), "customPassword", custom);

        assertThat(signInStatus(student, custom)).isEqualTo("/");
        assertThat(signInStatus(student, custom.substring(0, 72))).isEqualTo("/login?error");
    }

    @Test
    void passwordsHashedBeforeTheChangeOfHashStillSignIn() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        jdbc.sql("update account set password_hash = :hash where email_key = :key")
            .param("hash", "{bcrypt}" + new BCryptPasswordEncoder().encode("old-style-pass-1"))
            .param("key", email).update();

        assertThat(tokenStatus(email, "old-style-pass-1")).isEqualTo(201);
        assertThat(tokenStatus(email, "old-style-pass-1" + "x".repeat(100))).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsAndEveryToken() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        var token = token(email, ADMIN_PASSWORD);
        var here = signIn(email, ADMIN_PASSWORD);
        var elsewhere = signIn(email, ADMIN_PASSWORD);

        var changed = mvc.perform(here.submit(post("/change-password")).param("currentPassword", ADMIN_PASSWORD)
            .param("newPassword", "A-New-Password-1").param("confirmPassword", "A-New-Password-1")).andReturn();
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");

        assertThat(get("/api/v1/schools", token).getResponse().getStatus()).isEqualTo(401);
        assertThat(status(here, "/setup/create-users")).isEqualTo(200);
        assertThat(status(elsewhere, "/setup/create-users")).isEqualTo(302);
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/setup/create-users").session(elsewhere.session()))
            .andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(tokenStatus(email, "A-New-Password-1")).isEqualTo(201);
    }

    private int status(PortalSession session, String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).session(session.session())).andReturn().getResponse()
            .getStatus();
    }

    @Test
    void settingThePasswordWithALinkEndsTokensAndSessions() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        var token = token(email, ADMIN_PASSWORD);
        var session = signIn(email, ADMIN_PASSWORD);

        var set = postJson("/api/v1/password/set", null,
            "{\"token\":\"%s\",\"password\":\"Set-By-Link-1\"}".formatted(newLink(email)));

        assertThat(set.getResponse().getStatus()).isEqualTo(204);
        assertThat(get("/api/v1/schools", token).getResponse().getStatus()).isEqualTo(401);
        assertThat(status(session, "/setup/create-users")).isEqualTo(302);
        assertThat(tokenStatus(email, ADMIN_PASSWORD)).isEqualTo(401);
    }

    @Test
    void anUploadThatResetsAPasswordEndsThePersonsSessions() throws Exception {
        var school = school(true);
        var admin = admin(school);
        var student = "reset." + unique() + "@example.com";
        importFile(admin, csv(HEADER, row(student, school)), "customPassword", TEMPORARY);
        var session = signIn(student, TEMPORARY);
        assertThat(status(session, "/change-password")).isEqualTo(200);

        importFile(admin, csv(HEADER, row(student, school)), "customPassword", "Second-Temporary-1");

        assertThat(status(session, "/change-password")).isEqualTo(302);
        assertThat(signInStatus(student, "Second-Temporary-1")).isEqualTo("/");
    }

    @Test
    void aTemporaryPasswordGetsNoTokenUntilItIsChanged() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var student = "temp." + unique() + "@example.com";
        importFile(admin, csv(HEADER, row(student, school)), "customPassword", TEMPORARY);

        var refused = tokenRequestFromElsewhere(student, TEMPORARY);

        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat((String) json(refused).read("$.code")).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(tokenStatus(student, "wrong-password-1")).isEqualTo(401);
    }
}
