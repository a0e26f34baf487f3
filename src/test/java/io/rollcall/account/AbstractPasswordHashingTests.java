package io.rollcall.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.ApiTestSupport;
import io.rollcall.HashRecorder;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;

/**
 * What a password costs: a first sign-in with a temporary password and the forced change after it
 * take two bcrypt hashes (the sign-in's check, the new password's hash), a token one, and no hash
 * ever runs inside a transaction or while the thread holds a pooled connection.
 */
@Import(HashRecorder.class)
abstract class AbstractPasswordHashingTests extends ApiTestSupport {

    private static final String TEMPORARY = "Temporary-Hashing-1";
    private static final String CHOSEN = "Chosen-By-Me-22";

    @Autowired
    HashRecorder.Counts hashes;

    @Autowired
    AccountService accounts;

    private String student(String adminToken, String school) throws Exception {
        var email = "hash." + unique() + "@example.com";
        importFile(adminToken, csv(HEADER, String.join(",", "Has", "H", email, "0", "H" + unique(), school)),
            "customPassword", TEMPORARY);
        return email;
    }

    /** The seven requests of a first sign-in in a browser; returns the pages' paths, in order. */
    private List<String> firstSignIn(String email) throws Exception {
        var visited = new ArrayList<String>();
        var login = mvc.perform(MockMvcRequestBuilders.get("/login")).andReturn();
        var session = (MockHttpSession) login.getRequest().getSession(false);
        visited.add("GET /login " + login.getResponse().getStatus());
        var signedIn = mvc.perform(post("/login").session(session).param("_csrf", csrfOf(login))
            .param("email", email).param("password", TEMPORARY)).andReturn();
        visited.add("POST /login -> " + signedIn.getResponse().getRedirectedUrl());
        var start = mvc.perform(MockMvcRequestBuilders.get("/").session(session)).andReturn();
        visited.add("GET / -> " + start.getResponse().getRedirectedUrl());
        var form = mvc.perform(MockMvcRequestBuilders.get("/change-password").session(session)).andReturn();
        visited.add("GET /change-password " + form.getResponse().getStatus());
        var changed = mvc.perform(post("/change-password").session(session).param("_csrf", csrfOf(form))
            .param("newPassword", CHOSEN).param("confirmPassword", CHOSEN)).andReturn();
        visited.add("POST /change-password -> " + changed.getResponse().getRedirectedUrl());
        var again = mvc.perform(MockMvcRequestBuilders.get("/?passwordChanged").session(session)).andReturn();
        visited.add("GET / -> " + again.getResponse().getRedirectedUrl());
        var home = mvc.perform(MockMvcRequestBuilders.get("/home").session(session)).andReturn();
        visited.add("GET /home " + home.getResponse().getStatus());
        return visited;
    }

    @Test
    void aFirstSignInAndTheForcedChangeTakeTwoHashes() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        hashes.reset();

        var journey = firstSignIn(email);

        assertThat(journey).containsExactly("GET /login 200", "POST /login -> /", "GET / -> /change-password",
            "GET /change-password 200", "POST /change-password -> /?passwordChanged", "GET / -> /home",
            "GET /home 200");
        assertThat(hashes.hashes()).isEqualTo(2);
        assertThat(hashes.holdingConnection()).isZero();
        assertThat(tokenRequestFromElsewhere(email, CHOSEN).getResponse().getStatus()).as("a student's token")
            .isEqualTo(403);
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/login?error");
    }

    @Test
    void aTokenRequestTakesOneHash() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        hashes.reset();

        token(email, ADMIN_PASSWORD);

        assertThat(hashes.hashes()).isEqualTo(1);
    }

    @Test
    void noPasswordIsHashedInsideATransaction() throws Exception {
        hashes.reset();
        var school = school(false);
        var adminEmail = adminEmail(school);                                   // admin created
        var adminToken = token(adminEmail, ADMIN_PASSWORD);                     // token
        var student = student(adminToken, school);                              // import's custom password
        firstSignIn(student);                                                   // sign-in, forced change
        var takenOver = student(adminToken, school);
        grantAdmin(school(false), takenOver);                                   // admin grant taking an account over
        var changed = signIn(adminEmail, ADMIN_PASSWORD);
        mvc.perform(changed.submit(post("/change-password")).param("currentPassword", ADMIN_PASSWORD)
            .param("newPassword", "Voluntary-Change-1").param("confirmPassword", "Voluntary-Change-1"));
        postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"By-The-Api-Link-1\"}"
            .formatted(newLink(student)));                                     // set password, API
        var page = openLoginPage();
        mvc.perform(page.submit(post("/set-password")).param("token", newLink(student))
            .param("password", "By-The-Page-Link-1").param("confirmPassword", "By-The-Page-Link-1"));  // and page

        assertThat(hashes.hashes()).isGreaterThanOrEqualTo(11);
        assertThat(hashes.holdingConnection()).isZero();
        assertThat(signInFromElsewhere(student, "By-The-Page-Link-1")).isEqualTo("/");
        assertThat(signInFromElsewhere(adminEmail, "Voluntary-Change-1")).isEqualTo("/");
    }

    @Test
    void aForcedChangeForAnOlderSignInChangesNothing() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        var repository = context.getBean(AccountRepository.class);
        var id = repository.findByEmail(email).orElseThrow().id();
        var version = repository.credentials(id).orElseThrow().credentialsVersion();
        hashes.reset();

        var stale = catchThrowableOfType(RollcallException.class,
            () -> accounts.replaceTemporaryPassword(id, version + 1, CHOSEN, SameAsTemporary.DIFFERENT));

        assertThat(stale.code()).isEqualTo(ErrorCode.INVALID_PASSWORD);
        assertThat(stale.getMessage()).contains("changed meanwhile");
        assertThat(hashes.hashes()).isZero();
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/");
    }
}
