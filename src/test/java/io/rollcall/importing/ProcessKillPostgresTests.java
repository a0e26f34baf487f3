package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.TestDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rollcall killed with SIGKILL in the middle of an import, then started again: no partial import
 * remains, and the job ends COMPLETED with every row written once. Runs Rollcall as real
 * processes against the real PostgreSQL.
 */
class ProcessKillPostgresTests {

    private static final String SCHEMA = TestDatabase.schema("kill");
    private static final int ROWS = 30_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private int port;

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void anImportInterruptedBySigkillFinishesOnceAfterARestart() throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
        var first = start();
        var operator = token("operator@rollcall.example.com", "operator-password-1");
        send("POST", "/api/v1/schools", operator, "{\"schoolId\":\"K1\",\"name\":\"Kill School\"}");
        send("POST", "/api/v1/schools/K1/admins", operator,
            "{\"email\":\"kill-admin@example.com\",\"password\":\"admin-password-1\"}");
        var admin = token("kill-admin@example.com", "admin-password-1");

        var id = upload(admin, roster());
        awaitRunning(admin, id);
        first.destroyForcibly().waitFor();

        assertThat(count("select count(*) from account where email_key like 'pupil-%'")).isZero();
        assertThat(count("select count(*) from import_job where status = 'RUNNING'")).isEqualTo(1);

        start();
        admin = token("kill-admin@example.com", "admin-password-1");
        var report = awaitEnd(admin, id);
        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) report.read("$.created")).isEqualTo(ROWS);
        assertThat(count("select count(*) from account where email_key like 'pupil-%'")).isEqualTo(ROWS);
        assertThat(count("select count(*) from membership where school_id = 'K1'")).isEqualTo(ROWS);
    }

    private Process start() throws Exception {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var log = Files.createTempFile("rollcall-kill-", ".log");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
            "io.rollcall.RollcallApplication", "--spring.profiles.active=test", "--server.port=" + port,
            "--spring.datasource.url=" + TestDatabase.url(SCHEMA), "--spring.datasource.username=" + TestDatabase.USER,
            "--spring.datasource.password=" + TestDatabase.PASSWORD, "--spring.flyway.schemas=" + SCHEMA,
            "--rollcall.import.max-rows=" + ROWS, "--rollcall.import.max-file-size=20MB",
            "--spring.servlet.multipart.max-file-size=20MB", "--spring.servlet.multipart.max-request-size=20MB",
            "--rollcall.import.batch-size=250", "--rollcall.import.stale-after=3s",
            "--rollcall.import.heartbeat-interval=500ms")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("Rollcall exited; see " + log).isTrue();
            try {
                var health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Rollcall did not start; see " + log);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String token(String email, String password) throws Exception {
        var basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/tokens")).header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.token");
    }

    private String send(String method, String path, String token, String json) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }

    private static String roster() {
        var csv = new StringBuilder("firstName,lastName,email,isTeacher,issuedID,schoolID\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("F").append(i).append(",L,pupil-").append(i).append("@example.com,0,K").append(i).append(",K1\n");
        }
        return csv.toString();
    }

    private String upload(String token, String csv) throws Exception {
        var boundary = "rollcall-" + UUID.randomUUID();
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/imports")).header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JsonPath.read(response.body(), "$.id");
    }

    private DocumentContext report(String token, String id) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/imports/" + id)).header("Authorization",
            "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return JsonPath.parse(response.body());
    }

    private void awaitRunning(String token, String id) throws Exception {
        for (int i = 0; i < 3000; i++) {
            var report = report(token, id);
            if (report.read("$.status").equals("RUNNING") && (Integer) report.read("$.processedRows") > 0) {
                return;
            }
            assertThat((String) report.read("$.status")).as("the import ended before the kill").isIn("QUEUED", "RUNNING");
            Thread.sleep(10);
        }
        throw new AssertionError("the import never started");
    }

    private DocumentContext awaitEnd(String token, String id) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            var report = report(token, id);
            if (List.of("COMPLETED", "FAILED").contains((String) report.read("$.status"))) {
                return report;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not end after the restart");
    }

    private long count(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.url(SCHEMA), TestDatabase.USER, TestDatabase.PASSWORD);
             var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
