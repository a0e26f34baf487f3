package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;

import io.rollcall.ApiTestSupport;
import io.rollcall.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A mail server that accepts connections and never answers holds the mail relay's thread, and
 * only that: while it does, a long import keeps beating its heartbeat and is not taken over as
 * abandoned (stale after 2 seconds here), and it ends with the claim it started with.
 */
@ActiveProfiles({"test", "postgres"})
class SlowMailServerPostgresTests extends ApiTestSupport {

    private static final ServerSocket SILENT = silentServer();
    private static final List<Socket> HELD = new ArrayList<>();
    private static final CountDownLatch CONNECTED = new CountDownLatch(1);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private static ServerSocket silentServer() {
        try {
            var server = new ServerSocket(0);
            var thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        HELD.add(server.accept());
                        CONNECTED.countDown();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-smtp");
            thread.setDaemon(true);
            thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        var schema = TestDatabase.schema("slowmail");
        registry.add("spring.datasource.url", () -> TestDatabase.url(schema));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SILENT::getLocalPort);
        registry.add("rollcall.mail.relay-enabled", () -> "true");
        registry.add("rollcall.mail.relay-interval", () -> "100ms");
        registry.add("rollcall.import.stale-after", () -> "2s");
        registry.add("rollcall.import.heartbeat-interval", () -> "300ms");
    }

    @AfterAll
    static void closeServer() throws IOException {
        SILENT.close();
        for (var socket : HELD) {
            socket.close();
        }
    }

    @Test
    void aLongImportIsNotTakenOverWhileTheMailServerHangs() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "slow-" + unique() + "-";
        // A welcome email sets the relay talking to the silent server.
        importFile(admin, csv(HEADER, String.join(",", "Mail", "Waits", prefix + "mail@example.com", "0", "M1", school)),
            "sendWelcomeEmails", "true");
        assertThat(CONNECTED.await(20, TimeUnit.SECONDS)).as("the relay connected to the silent server").isTrue();
        importFile(admin, csv(HEADER, String.join(",", "Held", "Before", prefix + "held@example.com", "0", "H1", school)));

        // The next import changes that account; a transaction holding its row keeps the import's
        // apply step waiting for 5 seconds, more than twice the stale-after.
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var holder = new Thread(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("select id from account where email_key = :e for update").param("e", prefix + "held@example.com")
                .query(Long.class).single();
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        var upload = upload(admin, csv(HEADER,
            String.join(",", "Held", "After", prefix + "held@example.com", "0", "H1", school),
            String.join(",", "Someone", "New", prefix + "new@example.com", "0", "N1", school)));
        String id = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
        var claim = awaitClaim(id);
        Thread.sleep(5000);
        assertThat(workerOf(id)).as("still the first claim while the mail server hangs").isEqualTo(claim);
        release.countDown();
        holder.join(10_000);

        var report = awaitEnd(admin, id);
        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) report.read("$.updated")).isEqualTo(1);
        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat(workerOf(id)).isEqualTo(claim);
    }

    private String awaitClaim(String id) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            var worker = workerOf(id);
            if (worker != null) {
                return worker;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import was never claimed");
    }

    private String workerOf(String id) {
        return jdbc.sql("select worker from import_job where id = :id").param("id", id).query(String.class).optional()
            .orElse(null);
    }
}
