package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;

import com.jayway.jsonpath.JsonPath;

import io.rollcall.CuttableProxy;
import io.rollcall.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL goes away in the middle of an import (every connection cut, as in a restart) and
 * comes back: the import ends with all of its rows written exactly once, or none, and says so
 * truthfully; the application recovers without a restart.
 */
@ActiveProfiles({"test", "postgres"})
class DatabaseOutagePostgresTests extends ApiTestSupport {

    private static final CuttableProxy PROXY = startProxy();
    private static final int ROWS = 8000;

    @Autowired
    JdbcClient jdbc;

    private static CuttableProxy startProxy() {
        try {
            return new CuttableProxy("127.0.0.1", 5432);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        var schema = TestDatabase.schema("outage");
        registry.add("spring.datasource.url",
            () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/test?currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("rollcall.import.stale-after", () -> "3s");
        registry.add("rollcall.import.heartbeat-interval", () -> "500ms");
        registry.add("rollcall.import.batch-size", () -> "200");
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    // Readiness takes the instance out of the load balancer; liveness must not have it restarted for it.
    @Test
    void healthAndReadinessAreDownWhileTheDatabaseCannotBeUsedAndUpAgainAfter() throws Exception {
        assertThat(health("")).isEqualTo("200 UP");
        assertThat(health("/readiness")).isEqualTo("200 UP");

        PROXY.cut();
        try {
            assertThat(health("")).isEqualTo("503 DOWN");
            assertThat(health("/readiness")).isEqualTo("503 DOWN");
            assertThat(health("/liveness")).isEqualTo("200 UP");
        } finally {
            PROXY.restore();
        }

        var deadline = java.time.Instant.now().plusSeconds(20);
        while (!health("/readiness").equals("200 UP") && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(health("/readiness")).isEqualTo("200 UP");
        assertThat(health("")).isEqualTo("200 UP");
    }

    private String health(String group) throws Exception {
        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
            .get("/actuator/health" + group)).andReturn().getResponse();
        return response.getStatus() + " " + JsonPath.read(response.getContentAsString(), "$.status");
    }

    @Test
    void anImportCutOffFromTheDatabaseEndsAllOrNothingWithAnHonestStatus() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var prefix = "outage-" + unique() + "-";
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 0; i < ROWS; i++) {
            lines.add(String.join(",", "F" + i, "L", prefix + i + "@example.com", "0", "O" + i, school));
        }
        var upload = upload(admin, csv(lines.toArray(String[]::new)));
        assertThat(upload.getResponse().getStatus()).isEqualTo(202);
        String id = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
        awaitProgress(admin, id);

        PROXY.cut();
        Thread.sleep(1500);
        PROXY.restore();

        var report = awaitEnd(admin, id);
        long accounts = jdbc.sql("select count(*) from account where email_key like :p").param("p", prefix + "%")
            .query(Long.class).single();
        if (report.read("$.status").equals("COMPLETED")) {
            assertThat((Integer) report.read("$.created")).isEqualTo(ROWS);
            assertThat(accounts).isEqualTo(ROWS);
        } else {
            assertThat((String) report.read("$.fileError.code")).isEqualTo("IMPORT_FAILED");
            assertThat(accounts).isZero();
        }
        // The application works on without a restart.
        var after = importFile(admin, csv(HEADER, String.join(",", "After", "Outage", "after-" + prefix + "@example.com",
            "0", "A1", school)));
        assertThat((Integer) after.read("$.created")).isEqualTo(1);
    }

    private void awaitProgress(String admin, String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            var report = json(get("/api/v1/imports/" + id, admin));
            if (report.read("$.status").equals("RUNNING") && (Integer) report.read("$.processedRows") > 0) {
                return;
            }
            assertThat((String) report.read("$.status")).as("the import ended before the outage").isIn("QUEUED", "RUNNING");
            Thread.sleep(20);
        }
        throw new AssertionError("the import never started");
    }
}
