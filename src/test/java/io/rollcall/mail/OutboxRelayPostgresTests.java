package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import io.rollcall.TestDatabase;
import java.util.ArrayList;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox on PostgreSQL with the background relay stopped ("smtp" without "relay"), as when
 * Rollcall dies after an import commits: nothing is lost, and two relay instances draining one
 * outbox send every email exactly once.
 */
@ActiveProfiles({"test", "postgres", "smtp"})
class OutboxRelayPostgresTests extends ApiTestSupport {

    // A schema of its own: the relay of a cached test context with mail on must not drain this outbox.
    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) {
        var schema = TestDatabase.schema("outbox");
        registry.add("spring.datasource.url", () -> TestDatabase.url(schema));
        registry.add("spring.flyway.schemas", () -> schema);
        MailSupport.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRelay relay;

    GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        // Each test drains the whole outbox: leave nothing of earlier tests in it, nor in the rate's minute.
        jdbc.sql("update outbox set status = 'FAILED' where status in ('PENDING', 'SENDING')").update();
        jdbc.sql("update outbox set sent_at = sent_at - interval '1 hour' where status = 'SENT'").update();
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

    // Only this test's emails: a cached test context with mail on may deliver its own late retries here.
    private java.util.List<String> received(String prefix) throws Exception {
        var recipients = new java.util.ArrayList<String>();
        for (var message : smtp.getReceivedMessages()) {
            if (MailSupport.recipient(message).startsWith(prefix)) {
                recipients.add(MailSupport.recipient(message));
            }
        }
        return recipients;
    }

    private long pending(String importId) {
        return jdbc.sql("select count(*) from outbox where import_id = :id and status = 'PENDING'")
            .param("id", importId).query(Long.class).single();
    }

    @Test
    void emailsCommittedBeforeACrashAreSentWhenTheRelayComesBack() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "crash-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, 5), "sendWelcomeEmails", "true");
        String id = report.read("$.id");
        Thread.sleep(300);
        assertThat(received(prefix)).isEmpty();
        assertThat(pending(id)).isEqualTo(5);

        assertThat(relay.drain()).isEqualTo(5);
        MailSupport.awaitMessages(smtp, 5);
        assertThat(pending(id)).isZero();
        assertThat(relay.drain()).isZero();
        Thread.sleep(300);
        assertThat(received(prefix)).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void aRelaySendsNoMoreThanItsRatePerMinute() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "rate-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, 5), "sendWelcomeEmails", "true");
        var limited = MailTestAccess.anotherRelay(context, 2);

        assertThat(limited.drain()).isEqualTo(2);
        assertThat(limited.drain()).isZero();
        assertThat(pending(report.read("$.id"))).isEqualTo(3);
        MailSupport.awaitMessages(smtp, 2);
        assertThat(received(prefix)).hasSize(2);
    }

    @Test
    void twoRelayInstancesSendEachEmailOnce() throws Exception {
        var school = school(false);
        var admin = admin(school);
        int rows = 300;
        var prefix = "pair-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, rows), "sendWelcomeEmails", "true");
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

        MailSupport.awaitMessages(smtp, rows);
        Thread.sleep(500);
        assertThat(received(prefix)).hasSize(rows).doesNotHaveDuplicates();
    }

    @Test
    void theRateHoldsForTheWholeClusterNotEachInstance() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "cluster-rate-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, 30), "sendWelcomeEmails", "true");
        var first = MailTestAccess.anotherRelay(context, 10);
        var second = MailTestAccess.anotherRelay(context, 10);

        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit((Callable<Integer>) first::drain);
            var b = pool.submit((Callable<Integer>) second::drain);
            assertThat(a.get() + b.get()).isEqualTo(10);
        } finally {
            pool.shutdown();
        }
        assertThat(pending(report.read("$.id"))).isEqualTo(20);
        MailSupport.awaitMessages(smtp, 10);
        assertThat(received(prefix)).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void aStoppingRelayFinishesTheEmailInHandAndHandsTheRestBackAtOnce() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "stop-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, 6), "sendWelcomeEmails", "true");
        String id = report.read("$.id");
        var inHand = new java.util.concurrent.CountDownLatch(1);
        var finish = new java.util.concurrent.CountDownLatch(1);
        var sent = new java.util.concurrent.atomic.AtomicInteger();
        MailTransport slow = mail -> {
            inHand.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.incrementAndGet();
        };
        var p = context.getBean(MailProperties.class);
        var enabled = new MailProperties(p.from(), p.directory(), p.ratePerMinute(), p.maxAttempts(), p.retryBase(),
            p.retryMax(), p.linkLifetime(), p.batchSize(), p.stuckAfter(), true, java.time.Duration.ofMillis(100));
        var relay = new OutboxRelay(context.getBean(OutboxRepository.class), context.getBean(WelcomeComposer.class),
            slow, enabled, context, context.getBean(org.springframework.transaction.support.TransactionTemplate.class),
            context.getBean(MailMetrics.class));
        relay.start();
        try {
            assertThat(inHand.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(count(id, "SENDING")).isEqualTo(6);
            var stopping = Executors.newSingleThreadExecutor().submit((Runnable) relay::stop);
            Thread.sleep(200);
            finish.countDown();
            stopping.get(20, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            finish.countDown();
            relay.stop();
        }
        assertThat(sent).hasValue(1);
        assertThat(count(id, "SENT")).isEqualTo(1);
        // Handed back, not left SENDING until the stuck-after timeout.
        assertThat(count(id, "SENDING")).isZero();
        assertThat(count(id, "PENDING")).isEqualTo(5);
        assertThat(relay.isRunning()).isFalse();
    }

    @Test
    void anEmailWhoseInstanceDiedMidSendIsNotSentTwiceAndOneThatWasNotStartedIs() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "died-" + unique() + "-";
        var report = importFile(admin, roster(school, prefix, 2), "sendWelcomeEmails", "true");
        String id = report.read("$.id");
        var ids = jdbc.sql("select id from outbox where import_id = :id order by id").param("id", id).query(Long.class).list();
        // A dead instance had claimed both; it had begun the SMTP conversation of the first only.
        var longAgo = java.time.OffsetDateTime.now().minusHours(1);
        jdbc.sql("update outbox set status = 'SENDING', worker = 'dead', claimed_at = :then where import_id = :id")
            .param("then", longAgo).param("id", id).update();
        jdbc.sql("update outbox set send_started_at = :then where id = :first").param("then", longAgo)
            .param("first", ids.get(0)).update();

        assertThat(relay.drain()).isEqualTo(1);
        MailSupport.awaitMessages(smtp, 1);
        assertThat(received(prefix)).containsExactly(prefix + "1@example.com");
        assertThat(count(id, "SENT")).isEqualTo(1);
        assertThat(jdbc.sql("select last_error from outbox where id = :first").param("first", ids.get(0))
            .query(String.class).single()).isEqualTo(OutboxRepository.INTERRUPTED_SEND);
    }

    @Test
    void aClaimReadsOnlyTheDueEmailsItTakesAndOneAccountsEmailsAreFoundByKey() {
        // As after a large import: 20,000 emails queued since the table's statistics were taken.
        jdbc.sql("analyze outbox").update();
        jdbc.sql("""
                insert into outbox (kind, account_id, school_id, status, next_attempt_at, created_at)
                select 'WELCOME', -i, 'PLAN', 'PENDING', now() - interval '1 minute', now()
                from generate_series(1, 20000) i""").update();
        try {
            for (boolean analyzed : new boolean[] {false, true}) {
                if (analyzed) {
                    jdbc.sql("analyze outbox").update();
                }
                var plan = String.join("\n", jdbc.sql("explain " + OutboxRepository.CLAIM)
                    .param("now", java.time.OffsetDateTime.now()).param("limit", 50).query(String.class).list());
                assertThat(plan).as(plan).contains("Index Scan using outbox_pending on outbox").doesNotContain("Sort");
            }
            // One account's emails (a resend, an export, an erasure): by key, not among all of them.
            var byAccount = String.join("\n", jdbc.sql("explain delete from outbox where account_id = -7")
                .query(String.class).list());
            assertThat(byAccount).as(byAccount).contains("using outbox_account on outbox").doesNotContain("Seq Scan");
            // An import's sent and failed emails, by key; a queued email is not in that index (V22_6), so
            // queueing 100,000 of them adds nothing to it.
            var byImport = String.join("\n", jdbc.sql("explain " + WelcomeEmailQueue.SENT_BY_IMPORT)
                .param("ids", java.util.List.of("some-import")).query(String.class).list());
            assertThat(byImport).as(byImport).contains("outbox_import on outbox").doesNotContain("Seq Scan");
            assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'outbox_import' and schemaname = current_schema()")
                .query(String.class).single()).endsWith("WHERE ((status)::text = ANY ((ARRAY['SENT'::character varying, 'FAILED'::character varying])::text[]))");
        } finally {
            jdbc.sql("delete from outbox where school_id = 'PLAN'").update();
        }
    }

    private long count(String importId, String status) {
        return jdbc.sql("select count(*) from outbox where import_id = :id and status = :status")
            .param("id", importId).param("status", status).query(Long.class).single();
    }
}
