package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Welcome emails over a real SMTP conversation: exactly one per created account, links that work
 * once, retries while the server is down. Runs on H2 and PostgreSQL.
 */
abstract class AbstractWelcomeEmailTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    GreenMail smtp;

    @org.springframework.test.context.DynamicPropertySource
    static void smtpPort(org.springframework.test.context.DynamicPropertyRegistry registry) {
        MailSupport.register(registry);
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    static String row(String first, String email, String issuedId, String school) {
        return String.join(",", first, "Learner", email, "0", issuedId, school);
    }

    // Only the emails of this test: a late retry of an earlier test may land on the same server.
    private List<MimeMessage> awaitTo(int count, String... emails) throws Exception {
        for (int i = 0; i < 600; i++) {
            var matching = messagesTo(emails);
            if (matching.size() >= count) {
                return matching;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + count + " emails to " + List.of(emails) + ", got " + messagesTo(emails).size());
    }

    private List<MimeMessage> messagesTo(String... emails) throws Exception {
        var matching = new ArrayList<MimeMessage>();
        for (var message : smtp.getReceivedMessages()) {
            if (List.of(emails).contains(MailSupport.recipient(message))) {
                matching.add(message);
            }
        }
        return matching;
    }

    @Test
    void sendsExactlyOneEmailPerCreatedAccountAndNeverThePassword() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var existing = "existing." + u + "@example.com";
        importFile(admin, csv(HEADER, row("Ex", existing, "1", school)));
        var created = List.of("new1." + u + "@example.com", "new2." + u + "@example.com");

        var report = importFile(admin, csv(HEADER,
            row("Ex", existing, "1", school),
            row("New", created.get(0), "2", school),
            row("New", created.get(1), "3", school),
            row("Bad", "not-an-email", "4", school)), "sendWelcomeEmails", "true", "customPassword", "Secret-Pass-9");

        assertThat((Integer) report.read("$.emailsQueued")).isEqualTo(2);
        var messages = awaitTo(2, created.toArray(String[]::new));
        assertThat(messages).hasSize(2);
        var recipients = new ArrayList<String>();
        for (var message : messages) {
            recipients.add(MailSupport.recipient(message));
            assertThat(message.getSubject()).isEqualTo("Your Rollcall account at School " + school);
            var parts = MailSupport.parts(message);
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0)).contains("https://rollcall.example.com/set-password?token=")
                .contains("https://rollcall.example.com/login").doesNotContain("Secret-Pass-9");
            assertThat(parts.get(1)).contains("<a href=\"https://rollcall.example.com/set-password?token=")
                .doesNotContain("Secret-Pass-9");
        }
        assertThat(recipients).containsExactlyInAnyOrderElementsOf(created);
        awaitEmailsSent(admin, report.read("$.id"), 2);

        var dryRun = importFile(admin, csv(HEADER, row("Dry", "dry." + u + "@example.com", "9", school)),
            "sendWelcomeEmails", "true", "dryRun", "true");
        assertThat((Integer) dryRun.read("$.emailsQueued")).isZero();
        assertThat(jdbc.sql("select count(*) from outbox where import_id = :id").param("id", dryRun.read("$.id"))
            .query(Long.class).single()).isZero();
        Thread.sleep(500);
        assertThat(messagesTo(created.get(0), created.get(1), existing, "dry." + u + "@example.com")).hasSize(2);
    }

    @Test
    void welcomeEmailOfASchoolWhoseLocaleIsSpanishIsInSpanish() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var spanish = patchJson("/api/v1/schools/" + school, operator, "{\"locale\":\"es\"}");
        assertThat(spanish.getResponse().getStatus()).isEqualTo(200);
        var admin = admin(school);
        var email = "lucia." + unique() + "@example.com";

        importFile(admin, csv(HEADER, row("Lucía", email, "1", school)), "sendWelcomeEmails", "true");

        var message = awaitTo(1, email).get(0);
        assertThat(message.getSubject()).isEqualTo("Su cuenta de Rollcall en School " + school);
        var parts = MailSupport.parts(message);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("Hola, Lucía:")
            .contains("Se ha creado una cuenta para usted en Rollcall en School " + school + ".")
            .contains("Configure su contraseña con este enlace (funciona una sola vez y caduca en 7 días):")
            .contains("https://rollcall.example.com/set-password?token=")
            .doesNotContain("Hello", "Set your password");
        assertThat(parts.get(1)).contains("<html lang=\"es\"", "Le damos la bienvenida, Lucía",
            ">Configure su contraseña</a>", "Su correo para iniciar sesión es <strong>" + email + "</strong>.")
            .doesNotContain("Welcome", "Set your password");
    }

    @Test
    void welcomeEmailOfASchoolWithoutALocaleIsInEnglishWhateverTheUploadersLanguage() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var admin = admin(school);
        var email = "ada." + unique() + "@example.com";

        importFile(admin, csv(HEADER, row("Ada", email, "1", school)), "sendWelcomeEmails", "true");

        var message = awaitTo(1, email).get(0);
        assertThat(message.getSubject()).isEqualTo("Your Rollcall account at School " + school);
        assertThat(MailSupport.parts(message).get(0)).startsWith("Hello Ada,")
            .contains("Set your password with this link (it works once and expires in 7 days):");
    }

    private void awaitEmailsSent(String token, String importId, int sent) throws Exception {
        for (int i = 0; i < 100; i++) {
            if ((Integer) json(get("/api/v1/imports/" + importId, token)).read("$.emailsSent") == sent) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("emailsSent never reached " + sent);
    }

    @Test
    void theLinkSetsThePasswordOnceAndIsThenRefused() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var admin = admin(school);
        var email = "link." + unique() + "@example.com";
        importFile(admin, csv(HEADER, row("Lin", email, "1", school)), "sendWelcomeEmails", "true");
        var token = MailSupport.linkToken(awaitTo(1, email).get(0));
        assertThat(users(admin, school).get(email)).containsEntry("hasPassword", false);

        var weak = postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"short\"}".formatted(token));
        assertThat(weak.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(weak).read("$.code")).isEqualTo("INVALID_PASSWORD");

        var set = postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"my-own-pass-1\"}".formatted(token));
        assertThat(set.getResponse().getStatus()).isEqualTo(204);
        assertThat(tokenRequest(email, "my-own-pass-1").getResponse().getStatus()).isEqualTo(403);
        assertThat(users(admin, school).get(email)).containsEntry("hasPassword", true)
            .containsEntry("mustChangePassword", false);

        var again = postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"another-pass-2\"}".formatted(token));
        assertThat(again.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(again).read("$.code")).isEqualTo("INVALID_TOKEN");
        assertThat(tokenRequest(email, "another-pass-2").getResponse().getStatus()).isEqualTo(401);
        var unknown = postJson("/api/v1/password/set", null, "{\"token\":\"made-up\",\"password\":\"another-pass-2\"}");
        assertThat((String) json(unknown).read("$.code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var admin = admin(school);
        var email = "late." + unique() + "@example.com";
        importFile(admin, csv(HEADER, row("Late", email, "1", school)), "sendWelcomeEmails", "true");
        var token = MailSupport.linkToken(awaitTo(1, email).get(0));
        jdbc.sql("update password_link set expires_at = created_at - interval '1' second where token_hash = :h")
            .param("h", io.rollcall.secret.Secrets.digest(token)).update();

        var result = postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"my-own-pass-1\"}".formatted(token));
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) json(result).read("$.code")).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void resendingGivesAFreshLinkAndTheOldOneStopsWorking() throws Exception {
        smtp = MailSupport.startSmtp();
        var school = school(false);
        var admin = admin(school);
        var email = "again." + unique() + "@example.com";
        importFile(admin, csv(HEADER, row("Again", email, "1", school)), "sendWelcomeEmails", "true");
        var first = MailSupport.linkToken(awaitTo(1, email).get(0));

        var resend = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .post("/api/v1/schools/" + school + "/users/" + email + "/welcome-email"), admin);
        assertThat(resend.getResponse().getStatus()).isEqualTo(202);
        var second = MailSupport.linkToken(awaitTo(2, email).get(1));

        assertThat(second).isNotEqualTo(first);
        assertThat(postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"my-own-pass-1\"}"
            .formatted(first)).getResponse().getStatus()).isEqualTo(400);
        assertThat(postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"my-own-pass-1\"}"
            .formatted(second)).getResponse().getStatus()).isEqualTo(204);
        var stranger = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .post("/api/v1/schools/" + school + "/users/nobody@example.com/welcome-email"), admin);
        assertThat(stranger.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void emailsQueuedWhileTheMailServerIsDownArriveOnceItIsBack() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var emails = List.of("down1." + u + "@example.com", "down2." + u + "@example.com", "down3." + u + "@example.com");
        var report = importFile(admin, csv(HEADER, row("A", emails.get(0), "1", school), row("B", emails.get(1), "2", school),
            row("C", emails.get(2), "3", school)), "sendWelcomeEmails", "true");
        awaitFailedAttempt(report.read("$.id"));

        smtp = MailSupport.startSmtp();
        awaitTo(3, emails.toArray(String[]::new));
        awaitEmailsSent(admin, report.read("$.id"), 3);
        Thread.sleep(500);
        assertThat(messagesTo(emails.toArray(String[]::new))).extracting(MailSupport::recipient)
            .containsExactlyInAnyOrderElementsOf(emails);
    }

    private void awaitFailedAttempt(String importId) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var tried = jdbc.sql("select count(*) from outbox where import_id = :id and attempts > 0 and status = 'PENDING'")
                .param("id", importId).query(Long.class).single();
            if (tried > 0) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the relay never tried while the mail server was down");
    }
}
