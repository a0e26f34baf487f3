package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.jayway.jsonpath.JsonPath;

import io.rollcall.RollcallApplication;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The upload that once corrupted the embedded database, in a JVM of 256 MB heap (the slow tier):
 * three concurrent 84 MB files whose cells hold 14 million characters each, into the H2 file
 * database Rollcall runs on by default. Each import fails as FIELD_TOO_LARGE, the database stays
 * usable, and after a restart everything written before is there. Runs Rollcall itself, twice,
 * over HTTP.
 */
@Tag("large")
class CraftedUploadH2FileTests {

    private static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";
    private static final String OPERATOR = "operator@rollcall.example.com:operator-password-1";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    private ConfigurableApplicationContext start() {
        var url = "jdbc:h2:retry:" + dir.resolve("rollcall")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE";
        var context = new SpringApplicationBuilder(RollcallApplication.class).profiles("test")
            .run("--spring.datasource.url=" + url, "--server.port=0", "--rollcall.import.max-file-size=100MB",
                "--spring.servlet.multipart.max-file-size=100MB", "--spring.servlet.multipart.max-request-size=100MB");
        port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return context;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofMinutes(3));
    }

    private String send(HttpRequest.Builder request, int expected) throws Exception {
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        return response.body();
    }

    private String token(String credentials) throws Exception {
        var basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return JsonPath.read(send(request("/api/v1/tokens").header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.noBody()), 201), "$.token");
    }

    private void postJson(String token, String path, String json) throws Exception {
        send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)), 201);
    }

    private HttpRequest.Builder upload(String token, HttpRequest.BodyPublisher file) {
        var boundary = "crafted-" + UUID.randomUUID();
        var head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        var tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        return request("/api/v1/imports").header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), file,
                HttpRequest.BodyPublishers.ofByteArray(tail)));
    }

    private String awaitEnd(String token, String id) throws Exception {
        var deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            var report = send(request("/api/v1/imports/" + id).header("Authorization", "Bearer " + token).GET(), 200);
            String status = JsonPath.read(report, "$.status");
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return report;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    // Six data rows, each with a cell of 14 million characters: 84 MB.
    private Path craftedFile() throws IOException {
        var file = dir.resolve("crafted.csv");
        var cell = "x".repeat(14_000_000);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + ",notes\n");
            for (int i = 0; i < 6; i++) {
                out.write("Big,Cell,big" + i + "@example.com,0,B" + i + ",CRAFT,");
                out.write(cell);
                out.write('\n');
            }
        }
        return file;
    }

    @Test
    void threeConcurrentCraftedUploadsLeaveTheEmbeddedDatabaseWhole() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m (./mvnw -Plarge test)")
            .isLessThanOrEqualTo(256L * 1024 * 1024);
        var file = craftedFile();
        try (var first = start()) {
            var operator = token(OPERATOR);
            postJson(operator, "/api/v1/schools", "{\"schoolId\":\"CRAFT\",\"name\":\"Crafted\"}");
            postJson(operator, "/api/v1/schools/CRAFT/admins",
                "{\"email\":\"craft-admin@example.com\",\"password\":\"admin-password-1\"}");
            var admin = token("craft-admin@example.com:admin-password-1");
            var kept = send(upload(admin, HttpRequest.BodyPublishers.ofString(HEADER + "\nKept,Before,"
                + "kept@example.com,0,K1,CRAFT\n")), 202);
            assertThat((Integer) JsonPath.read(awaitEnd(admin, JsonPath.read(kept, "$.id")), "$.created")).isEqualTo(1);

            var uploads = new ArrayList<CompletableFuture<HttpResponse<String>>>();
            for (int i = 0; i < 3; i++) {
                uploads.add(http.sendAsync(upload(admin, HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            }
            for (var upload : uploads) {
                var response = upload.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                var report = awaitEnd(admin, JsonPath.read(response.body(), "$.id"));
                assertThat((String) JsonPath.read(report, "$.fileError.code")).isEqualTo("FIELD_TOO_LARGE");
                assertThat((String) JsonPath.read(report, "$.fileError.message")).startsWith("Row 2 has a cell longer");
            }
            assertThat(send(request("/actuator/health").GET(), 200)).contains("\"UP\"");
            var after = send(upload(admin, HttpRequest.BodyPublishers.ofString(HEADER + "\nAfter,Crafted,"
                + "after@example.com,0,A1,CRAFT\n")), 202);
            assertThat((Integer) JsonPath.read(awaitEnd(admin, JsonPath.read(after, "$.id")), "$.created")).isEqualTo(1);
        }

        try (var restarted = start()) {
            var jdbc = restarted.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select a.email_key from account a join membership m on m.account_id = a.id "
                + "where m.school_id = 'CRAFT' order by a.email_key").query(String.class).list())
                .containsExactly("after@example.com", "kept@example.com");
            assertThat(send(request("/actuator/health").GET(), 200)).contains("\"UP\"");
        }
    }
}
