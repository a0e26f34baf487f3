package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.util.List;

import io.rollcall.mail.DeliveryFailure;
import io.rollcall.mail.MailTransport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/** An address the mail server refuses for good is given up at once and shown on its import row. */
@ActiveProfiles({"test", "h2", "relay"})
@Import(RejectedEmailTests.RefusingServer.class)
class RejectedEmailTests extends ApiTestSupport {

    @TestConfiguration
    static class RefusingServer {

        @Bean
        @Primary
        MailTransport refusing() {
            return mail -> {
                if (mail.to().startsWith("gone.")) {
                    throw new DeliveryFailure("SMTP 550: 550 5.1.1 No such user", true, null);
                }
            };
        }
    }

    @Test
    void aPermanentlyRefusedAddressFailsOnceAndWarnsOnItsRow() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            String.join(",", "Here", "Ok", "here." + u + "@example.com", "0", "1", school),
            String.join(",", "Gone", "Away", "gone." + u + "@example.com", "0", "2", school)), "sendWelcomeEmails", "true");
        String id = report.read("$.id");

        for (int i = 0; i < 200; i++) {
            report = json(get("/api/v1/imports/" + id, admin));
            if ((Integer) report.read("$.emailsSent") + (Integer) report.read("$.emailsFailed") == 2) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat((Integer) report.read("$.emailsSent")).isEqualTo(1);
        assertThat((Integer) report.read("$.emailsFailed")).isEqualTo(1);
        assertThat((List<Object>) report.read("$.warnings[?(@.code == 'EMAIL_REJECTED')].row")).containsExactly(3);
        assertThat((List<String>) report.read("$.warnings[?(@.code == 'EMAIL_REJECTED')].message")).singleElement()
            .asString().contains("gone." + u + "@example.com").contains("550");
    }
}
