package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The forced change right after a sign-in with the temporary password does not ask for it again
 * (ForcedChange); everywhere else the current password is still the proof. Attacks tried: a session
 * older than the window (a cookie stolen later), a voluntary change, a proof made for another
 * account, and keeping the temporary password without typing it.
 */
abstract class AbstractForcedChangeTests extends ApiTestSupport {

    private static final String TEMPORARY = "Temporary-Forced-1";
    private static final String CHOSEN = "Chosen-Forced-22";

    private String student(String adminToken, String school) throws Exception {
        var email = "forced." + unique() + "@example.com";
        importFile(adminToken, csv(HEADER, String.join(",", "For", "Ced", email, "0", "F" + unique(), school)),
            "customPassword", TEMPORARY);
        return email;
    }

    private MvcResult change(PortalSession session, String current, String next) throws Exception {
        var request = session.submit(post("/change-password")).param("newPassword", next).param("confirmPassword", next);
        if (current != null) {
            request.param("currentPassword", current);
        }
        return mvc.perform(request).andReturn();
    }

    private boolean asksCurrentPassword(PortalSession session) throws Exception {
        var page = mvc.perform(MockMvcRequestBuilders.get("/change-password").session(session.session())).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        return page.getResponse().getContentAsString().contains("name=\"currentPassword\"");
    }

    // Replaces what the session's sign-in left in it, as only the server could.
    private static void rewriteProof(PortalSession session, UnaryOperator<TemporaryPasswordSignIn> change) {
        var key = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;
        var authentication = ((SecurityContext) session.session().getAttribute(key)).getAuthentication();
        var rewritten = UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null,
            authentication.getAuthorities());
        rewritten.setDetails(change.apply((TemporaryPasswordSignIn) authentication.getDetails()));
        session.session().setAttribute(key, new SecurityContextImpl(rewritten));
    }

    @Test
    void rightAfterSigningInTheTemporaryPasswordIsNotAskedAgain() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        var session = signIn(email, TEMPORARY);

        assertThat(asksCurrentPassword(session)).isFalse();
        assertThat(change(session, null, CHOSEN).getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");

        assertThat(signInFromElsewhere(email, CHOSEN)).isEqualTo("/");
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/login?error");
    }

    @Test
    void theTemporaryPasswordCannotBeKeptWithoutTypingItEither() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        var session = signIn(email, TEMPORARY);

        var kept = change(session, null, TEMPORARY);

        assertThat(kept.getResponse().getContentAsString()).contains("may not be the same as your temporary password");
        // A proof made by another instance cannot tell without the stored hash, which still refuses it.
        rewriteProof(session, proof -> new TemporaryPasswordSignIn(proof.accountId(), proof.credentialsVersion(),
            proof.at(), "another-instance", proof.digest()));
        assertThat(change(session, null, TEMPORARY).getResponse().getContentAsString())
            .contains("may not be the same as your temporary password");
        assertThat(change(session, null, CHOSEN).getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");
    }

    @Test
    void aSessionSignedInLongerAgoThanTheWindowGivesTheTemporaryPassword() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        var session = signIn(email, TEMPORARY);
        rewriteProof(session, proof -> new TemporaryPasswordSignIn(proof.accountId(), proof.credentialsVersion(),
            Instant.now().minus(ForcedChange.WINDOW).minus(Duration.ofMinutes(1)), proof.keyId(), proof.digest()));

        assertThat(asksCurrentPassword(session)).isTrue();
        assertThat(change(session, null, CHOSEN).getResponse().getContentAsString())
            .contains("Your current password is not correct.");
        assertThat(change(session, "Not-The-Temporary-1", CHOSEN).getResponse().getContentAsString())
            .contains("Your current password is not correct.");
        assertThat(signInFromElsewhere(email, TEMPORARY)).isEqualTo("/");
        assertThat(change(session, TEMPORARY, CHOSEN).getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");
    }

    @Test
    void aProofMadeForAnotherAccountIsWorthNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var victim = student(admin, school);
        var attacker = student(admin, school);
        var victimSession = signIn(victim, TEMPORARY);
        var victimProof = (TemporaryPasswordSignIn) ((SecurityContext) victimSession.session()
            .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).getAuthentication()
            .getDetails();
        var session = signIn(attacker, TEMPORARY);
        rewriteProof(session, proof -> victimProof);

        assertThat(asksCurrentPassword(session)).isTrue();
        assertThat(change(session, null, CHOSEN).getResponse().getContentAsString())
            .contains("Your current password is not correct.");
        assertThat(signInFromElsewhere(victim, TEMPORARY)).isEqualTo("/");
        assertThat(signInFromElsewhere(attacker, TEMPORARY)).isEqualTo("/");
    }

    @Test
    void aVoluntaryChangeStillNeedsTheCurrentPassword() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        var session = signIn(email, ADMIN_PASSWORD);

        assertThat(asksCurrentPassword(session)).isTrue();
        assertThat(change(session, null, CHOSEN).getResponse().getContentAsString())
            .contains("Your current password is not correct.");
        assertThat(signInFromElsewhere(email, ADMIN_PASSWORD)).isEqualTo("/");
        assertThat(change(session, ADMIN_PASSWORD, CHOSEN).getResponse().getRedirectedUrl())
            .isEqualTo("/?passwordChanged");
    }

    @Test
    void afterTheChangeTheSessionHoldsNoProofAnyMore() throws Exception {
        var school = school(false);
        var email = student(admin(school), school);
        var session = signIn(email, TEMPORARY);
        change(session, null, CHOSEN);

        var page = mvc.perform(MockMvcRequestBuilders.get("/change-password").session(session.session())).andReturn();
        var again = mvc.perform(post("/change-password").session(session.session()).param("_csrf", csrfOf(page))
            .param("newPassword", "Third-Password-33").param("confirmPassword", "Third-Password-33")).andReturn();

        assertThat(page.getResponse().getContentAsString()).contains("name=\"currentPassword\"");
        assertThat(again.getResponse().getContentAsString()).contains("Your current password is not correct.");
        assertThat(signInFromElsewhere(email, CHOSEN)).isEqualTo("/");
    }
}
