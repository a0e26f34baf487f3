package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;

import io.rollcall.mail.MailTestAccess;
import io.rollcall.mail.OutboxRelay;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The outbox on PostgreSQL with the background relay stopped ("smtp" without "relay"), as when
 * Rollcall dies after an import commits: nothing is lost, and two relay instances draining one
 * outbox send every email exactly once.
 */
@ActiveProfiles({"test", "postgres", "smtp"})
class OutboxRelayPostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRelay relay;

    GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        // Each test drains the whole outbox: leave nothing of earlier tests in it.
        jdbc.sql("update outbox set status = 'FAILED' where status in ('PENDING', 'SENDING')").update();
        smtp = MailSupport.startSmtp();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private String roster(String school, String prefix, int rows) {
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 0; i < rows; i++) {
            lines.add(String.join(",", "P" + i, "Q", prefix + i + "@example.com", "0", "N" + i, school));
        }
        return csv(lines.toArray(String[]::new));
    }

    private long pending(String importId) {
        return jdbc.sql("select count(*) from outbox where import_id = :id and status = 'PENDING'")
            .param("id", importId).query(Long.class).single();
    }

    @Test
    void emailsCommittedBeforeACrashAreSentWhenTheRelayComesBack() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var report = importFile(admin, roster(school, "crash-" + unique() + "-", 5), "sendWelcomeEmails", "true");
        String id = report.read("$.id");
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(pending(id)).isEqualTo(5);

        assertThat(relay.drain()).isEqualTo(5);
        assertThat(MailSupport.awaitMessages(smtp, 5)).hasSize(5);
        assertThat(pending(id)).isZero();
        assertThat(relay.drain()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(5);
    }

    @Test
    void aRelaySendsNoMoreThanItsRatePerMinute() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var report = importFile(admin, roster(school, "rate-" + unique() + "-", 5), "sendWelcomeEmails", "true");
        var limited = MailTestAccess.anotherRelay(context, 2);

        assertThat(limited.drain()).isEqualTo(2);
        assertThat(limited.drain()).isZero();
        assertThat(pending(report.read("$.id"))).isEqualTo(3);
        assertThat(MailSupport.awaitMessages(smtp, 2)).hasSize(2);
    }

    @Test
    void twoRelayInstancesSendEachEmailOnce() throws Exception {
        var school = school(false);
        var admin = admin(school);
        int rows = 300;
        var report = importFile(admin, roster(school, "pair-" + unique() + "-", rows), "sendWelcomeEmails", "true");
        assertThat(pending(report.read("$.id"))).isEqualTo(rows);
        var other = MailTestAccess.anotherRelay(context);

        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit((Callable<Integer>) relay::drain);
            var second = pool.submit((Callable<Integer>) other::drain);
            assertThat(first.get() + second.get()).isEqualTo(rows);
        } finally {
            pool.shutdown();
        }

        var messages = MailSupport.awaitMessages(smtp, rows);
        var recipients = new HashSet<String>();
        for (var message : messages) {
            recipients.add(MailSupport.recipient(message));
        }
        assertThat(messages).hasSize(rows);
        assertThat(recipients).hasSize(rows);
    }
}
