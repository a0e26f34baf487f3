package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * While every place for a hash is taken, requests that need one are refused at once with 503
 * SERVER_BUSY and Retry-After (a page for a browser), count as no failed sign-in, and pages that
 * need no hash are served as usual. Admins signing in have a place of their own: a crowd of
 * students taking every other place does not keep them out.
 */
@ActiveProfiles({"test", "h2"})
@TestPropertySource(properties = {"rollcall.security.hashing-concurrency=1", "rollcall.security.hashing-wait=0s"})
class BusyHashingTests extends ApiTestSupport {

    @Autowired
    HashingBulkhead bulkhead;

    private boolean occupied;
    private boolean staffOccupied;

    /** Takes every place: the crowd's and the staff lane's. */
    private void occupy() throws InterruptedException {
        occupyCrowd();
        bulkhead.staffPermits().acquire();
        staffOccupied = true;
    }

    private void occupyCrowd() throws InterruptedException {
        bulkhead.permits().acquire();
        occupied = true;
    }

    @AfterEach
    void free() {
        if (occupied) {
            bulkhead.permits().release();
            occupied = false;
        }
        if (staffOccupied) {
            bulkhead.staffPermits().release();
            staffOccupied = false;
        }
    }

    @Test
    void anAdminGetsATokenWhileTheCrowdsPlacesAreTakenAndAStudentIsRefused() throws Exception {
        var schoolId = school(false);
        var adminEmail = adminEmail(schoolId);
        var student = "student-" + unique() + "@school.example.com";
        importFile(token(adminEmail, ADMIN_PASSWORD), csv(HEADER, "Stu,Dent," + student + ",0,B-1," + schoolId),
            "customPassword", "Crowd-Temporary-1");
        occupyCrowd();

        assertThat(tokenRequest(student, "Crowd-Temporary-1").getResponse().getStatus()).isEqualTo(503);
        assertThat(tokenRequest(adminEmail, ADMIN_PASSWORD).getResponse().getStatus()).isEqualTo(201);
        assertThat(tokenRequest(OPERATOR_EMAIL, OPERATOR_PASSWORD).getResponse().getStatus()).isEqualTo(201);
        // A wrong password of an admin is still a failure, in the staff lane as in the crowd's.
        assertThat(tokenRequest(adminEmail, "not-the-password").getResponse().getStatus()).isEqualTo(401);
        assertThat(bulkhead.staffPermits().availablePermits()).isEqualTo(1);
        free();
        // Its turn now: the password is checked (a student may hold no API token: 403, not 503).
        assertThat(tokenRequest(student, "Crowd-Temporary-1").getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aTokenRequestIsRefusedWithRetryAfterAndCountsAsNoFailure() throws Exception {
        var email = adminEmail(school(false));
        occupy();

        var refused = tokenRequest(email, ADMIN_PASSWORD);

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
        assertThat((String) json(refused).read("$.code")).isEqualTo("SERVER_BUSY");
        assertThat((String) json(refused).read("$.detail")).contains("Try again in a few seconds");
        free();
        assertThat((java.util.List<String>) json(get("/api/v1/audit?size=1000", operator))
            .read("$.items[?(@.event == 'SIGN_IN_FAILED')].target")).doesNotContain(email);
        assertThat(tokenRequest(email, ADMIN_PASSWORD).getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void aBrowserSigningInGetsTheBusyPageAndOtherPagesAreServed() throws Exception {
        var email = adminEmail(school(false));
        var signedIn = signIn(email, ADMIN_PASSWORD);
        var login = mvc.perform(MockMvcRequestBuilders.get("/login")).andReturn();
        occupy();

        var refused = mvc.perform(post("/login").session((MockHttpSession) login.getRequest().getSession(false))
            .param("_csrf", csrfOf(login)).param("email", email).param("password", ADMIN_PASSWORD)
            .header("Accept", "text/html")).andReturn();
        var page = mvc.perform(MockMvcRequestBuilders.get("/setup/users").session(signedIn.session())).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponse().getErrorMessage()).contains("Try again in a few seconds");
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void setPasswordIsRefusedAndTheLinkStaysUsable() throws Exception {
        var email = adminEmail(school(false));
        var link = newLink(email);
        occupy();

        var refused = postJson("/api/v1/password/set", null,
            "{\"token\":\"%s\",\"password\":\"Busy-Link-Pass-1\"}".formatted(link));

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat((String) json(refused).read("$.code")).isEqualTo("SERVER_BUSY");
        free();
        assertThat(postJson("/api/v1/password/set", null,
            "{\"token\":\"%s\",\"password\":\"Busy-Link-Pass-1\"}".formatted(link)).getResponse().getStatus())
            .isEqualTo(204);
    }

    @Test
    void aPortalPasswordChangeGetsTheBusyPage() throws Exception {
        var email = adminEmail(school(false));
        var session = signIn(email, ADMIN_PASSWORD);
        occupy();

        var refused = mvc.perform(session.submit(post("/change-password")).param("currentPassword", ADMIN_PASSWORD)
            .param("newPassword", "Busy-Change-Pass-1").param("confirmPassword", "Busy-Change-Pass-1")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponse().getContentAsString()).contains("Busy: try again shortly",
            "Rollcall is busy checking other people&#39;s passwords right now. Try again in a few seconds.");
    }

    @Test
    void theBusyPageSpeaksThePagesLanguage() throws Exception {
        var email = adminEmail(school(false));
        var session = signIn(email, ADMIN_PASSWORD);
        occupy();

        var refused = mvc.perform(session.submit(post("/change-password")).header("Accept-Language", "es")
            .param("currentPassword", ADMIN_PASSWORD)
            .param("newPassword", "Busy-Change-Pass-1").param("confirmPassword", "Busy-Change-Pass-1")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
            .contains("<html lang=\"es\"", "Sistema ocupado",
                "Rollcall está ocupado comprobando las contraseñas de otras personas.")
            .doesNotContain("Busy: try again shortly").doesNotContain("checking other people");
    }
}
