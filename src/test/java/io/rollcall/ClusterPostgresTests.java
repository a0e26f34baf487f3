package io.rollcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster as {@code bin/rollcall-cluster} starts it: two Rollcall processes behind HAProxy on
 * one PostgreSQL, a real SMTP server. An instance killed with SIGKILL or stopped with SIGTERM in
 * the middle of the work: sessions survive, every import completes exactly once (after a crash
 * within 30 seconds), no email is sent twice, and both instances share the sending.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPostgresTests {

    private static final String SCHEMA = TestDatabase.schema("cluster");
    private static final Path DIR = Path.of("target", "cluster-test");
    private static final int ROWS = 30_000;
    private static final Pattern PID = Pattern.compile("^(\\d+)@");

    private static int port;
    private static GreenMail smtp;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startCluster() throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD)) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        }
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        port = freePorts();
        cluster("start");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            cluster("stop");
        } finally {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void aSignedInAdminStaysSignedInWhenTheInstanceServingThemIsKilled() throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var login = browser.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        var csrf = between(login.body(), "name=\"_csrf\" value=\"", "\"");
        var signIn = browser.send(HttpRequest.newBuilder(uri("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("email=" + encode("operator@rollcall.example.com")
                + "&password=operator-password-1&_csrf=" + encode(csrf))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElseThrow()).as("behind the proxy, its own address")
            .startsWith("http://127.0.0.1:" + port + "/").doesNotContain("error");
        // Round robin: both instances serve the session.
        for (int i = 0; i < 4; i++) {
            assertThat(browser.send(get("/home"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }

        cluster("kill", "1");
        for (int i = 0; i < 4; i++) {
            var home = browser.send(get("/home"), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).as("request %d after the kill", i).isEqualTo(200);
            assertThat(home.body()).contains("Sign out");
        }
        cluster("start-one", "1");
        assertThat(browser.send(get("/home"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void anImportWhoseInstanceIsKilledIsTakenOverWithin30SecondsAndWrittenOnce() throws Exception {
        var operator = token("operator@rollcall.example.com", "operator-password-1");
        send("POST", "/api/v1/schools", operator, "{\"schoolId\":\"C1\",\"name\":\"Cluster School\"}");
        send("POST", "/api/v1/schools/C1/admins", operator,
            "{\"email\":\"cluster-admin@example.com\",\"password\":\"admin-password-1\"}");
        var admin = token("cluster-admin@example.com", "admin-password-1");

        var id = upload(admin, roster("pupil-", ROWS, "C1"), false);
        var owner = awaitRunning(id);
        var killed = instanceOf(owner);
        cluster("kill", String.valueOf(killed));
        var killedAt = Instant.now();

        var takenOverBy = awaitWorkerOtherThan(id, owner, Duration.ofSeconds(60));
        assertThat(Duration.between(killedAt, Instant.now())).as("taken over by %s", takenOverBy)
            .isLessThanOrEqualTo(Duration.ofSeconds(30));
        var report = awaitEnd(admin, id);
        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) report.read("$.created")).isEqualTo(ROWS);
        assertThat(count("select count(*) from account where email_key like 'pupil-%'")).isEqualTo(ROWS);
        assertThat(count("select count(*) from membership where school_id = 'C1'")).isEqualTo(ROWS);
        cluster("start-one", String.valueOf(killed));
    }

    @Test
    @Order(3)
    void anInstanceStoppedForADeployHandsItsImportBackAtOnce() throws Exception {
        var admin = token("cluster-admin@example.com", "admin-password-1");
        var id = upload(admin, roster("deploy-", ROWS, "C1"), false);
        var owner = awaitRunning(id);
        var stopped = instanceOf(owner);
        cluster("term", String.valueOf(stopped));

        var takenOverBy = awaitWorkerOtherThan(id, owner, Duration.ofSeconds(60));
        var log = Files.readString(DIR.resolve("instance-" + stopped + ".log"));
        assertThat(log).as("the stopping instance handed the import back").contains("Import " + id + " handed back");
        assertThat(takenOverBy).isNotEqualTo(owner);
        var report = awaitEnd(admin, id);
        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat((Integer) report.read("$.created")).isEqualTo(ROWS);
        assertThat(count("select count(*) from account where email_key like 'deploy-%'")).isEqualTo(ROWS);
        cluster("start-one", String.valueOf(stopped));
    }

    @Test
    @Order(4)
    void bothInstancesSendWelcomeEmailsAndAKilledOneSendsNoneTwice() throws Exception {
        var admin = token("cluster-admin@example.com", "admin-password-1");
        int rows = 400;
        var id = upload(admin, roster("welcome-", rows, "C1"), true);
        awaitEnd(admin, id);
        var deadline = Instant.now().plusSeconds(60);
        while (smtp.getReceivedMessages().length < 60 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        cluster("kill", "2");

        deadline = Instant.now().plusSeconds(120);
        while (count("select count(*) from outbox where import_id = '" + id + "' and status in ('PENDING', 'SENDING')") > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        var perRecipient = new HashMap<String, Integer>();
        for (var message : smtp.getReceivedMessages()) {
            for (var to : message.getAllRecipients()) {
                perRecipient.merge(to.toString(), 1, Integer::sum);
            }
        }
        assertThat(perRecipient.values()).as("nobody gets the welcome email twice").allMatch(n -> n == 1);
        long sent = count("select count(*) from outbox where import_id = '" + id + "' and status = 'SENT'");
        long unsure = count("select count(*) from outbox where import_id = '" + id + "' and status = 'FAILED'");
        assertThat(sent + unsure).isEqualTo(rows);
        assertThat(unsure).as("at most the one in hand when it died").isLessThanOrEqualTo(1);
        // The one interrupted mid-send may or may not have arrived: that is why it is not sent again.
        assertThat((long) perRecipient.size()).isBetween(sent, sent + unsure);
        assertThat(count("select count(distinct split_part(worker, '/', 1)) from outbox where import_id = '" + id
            + "' and status = 'SENT'")).as("both instances sent").isEqualTo(2);
        cluster("start-one", "2");
    }

    // -- the cluster ---------------------------------------------------------------------------

    private static void cluster(String... command) throws Exception {
        var args = new ArrayList<>(List.of("bin/rollcall-cluster"));
        args.addAll(List.of(command));
        var builder = new ProcessBuilder(args).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createDirectories(DIR).resolve("script.log").toFile()));
        builder.environment().putAll(settings());
        var process = builder.start();
        assertThat(process.waitFor(6, TimeUnit.MINUTES)).as("rollcall-cluster %s finished", String.join(" ", command))
            .isTrue();
        assertThat(process.exitValue()).as("rollcall-cluster %s; see %s", String.join(" ", command), DIR).isZero();
    }

    private static Map<String, String> settings() {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var settings = new HashMap<String, String>();
        settings.put("ROLLCALL_CLUSTER_PORT", String.valueOf(port));
        settings.put("ROLLCALL_CLUSTER_DIR", DIR.toString());
        settings.put("ROLLCALL_CLUSTER_DATABASE", "test");
        settings.put("ROLLCALL_PUBLIC_URL", "http://127.0.0.1:" + port);
        // The test classpath: the jar is packaged after the tests run.
        settings.put("ROLLCALL_LAUNCH", java + " -Xmx384m -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path")
            + " io.rollcall.RollcallApplication --spring.profiles.active=test");
        settings.put("SPRING_DATASOURCE_URL", TestDatabase.url(SCHEMA));
        settings.put("SPRING_FLYWAY_SCHEMAS", SCHEMA);
        settings.put("SPRING_MAIL_HOST", "127.0.0.1");
        settings.put("SPRING_MAIL_PORT", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("ROLLCALL_MAIL_RELAY_ENABLED", "true");
        settings.put("ROLLCALL_MAIL_RELAY_INTERVAL", "200ms");
        settings.put("ROLLCALL_MAIL_RATE_PER_MINUTE", "100000");
        settings.put("ROLLCALL_MAIL_BATCH_SIZE", "10");
        settings.put("ROLLCALL_MAIL_STUCK_AFTER", "10s");
        settings.put("ROLLCALL_IMPORT_MAX_ROWS", String.valueOf(ROWS));
        settings.put("ROLLCALL_IMPORT_MAX_FILE_SIZE", "20MB");
        settings.put("SPRING_SERVLET_MULTIPART_MAX_FILE_SIZE", "20MB");
        settings.put("SPRING_SERVLET_MULTIPART_MAX_REQUEST_SIZE", "20MB");
        settings.put("ROLLCALL_IMPORT_BATCH_SIZE", "250");
        settings.put("ROLLCALL_IMPORT_POLL_INTERVAL", "1s");
        return settings;
    }

    private static int instanceOf(String worker) throws IOException {
        var matcher = PID.matcher(worker);
        assertThat(matcher.find()).as("worker %s names its process", worker).isTrue();
        for (int n = 1; n <= 2; n++) {
            if (Files.readString(DIR.resolve("instance-" + n + ".pid")).trim().equals(matcher.group(1))) {
                return n;
            }
        }
        throw new AssertionError("no instance has the process of " + worker);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // A port whose next two (the instances') are free too.
    private static int freePorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 20_000 + (int) (Math.random() * 30_000);
            try (var a = new ServerSocket(candidate); var b = new ServerSocket(candidate + 1);
                 var c = new ServerSocket(candidate + 2)) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no three free ports in a row");
    }

    // -- HTTP and the database -------------------------------------------------------------------

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static String token(String email, String password) throws Exception {
        var basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/tokens")).header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonPath.read(response.body(), "$.token");
    }

    private static void send(String method, String path, String token, String json) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static String roster(String prefix, int rows, String school) {
        var csv = new StringBuilder("firstName,lastName,email,isTeacher,issuedID,schoolID\n");
        for (int i = 0; i < rows; i++) {
            csv.append("F").append(i).append(",L,").append(prefix).append(i).append("@example.com,0,")
                .append(prefix).append(i).append(',').append(school).append('\n');
        }
        return csv.toString();
    }

    private static String upload(String token, String csv, boolean welcome) throws Exception {
        var boundary = "rollcall-" + UUID.randomUUID();
        var body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sendWelcomeEmails\"\r\n\r\n" + welcome
            + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/imports")).header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JsonPath.read(response.body(), "$.id");
    }

    // The claim of the worker processing the import, once it has staged some rows.
    private static String awaitRunning(String id) throws Exception {
        var deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            var worker = text("select worker from import_job where id = '" + id + "' and status = 'RUNNING'"
                + " and processed_rows > 0");
            if (worker != null) {
                return worker;
            }
            assertThat(text("select status from import_job where id = '" + id + "'")).as("the import ended too soon")
                .isIn("RECEIVING", "QUEUED", "RUNNING");
            Thread.sleep(10);
        }
        throw new AssertionError("the import never started");
    }

    private static String awaitWorkerOtherThan(String id, String owner, Duration wait) throws Exception {
        var deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            var worker = text("select worker from import_job where id = '" + id + "' and status in ('RUNNING', 'COMPLETED')");
            if (worker != null && !worker.equals(owner)) {
                return worker;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nobody took the import over from " + owner);
    }

    private static DocumentContext awaitEnd(String token, String id) throws Exception {
        var deadline = Instant.now().plusSeconds(300);
        while (Instant.now().isBefore(deadline)) {
            var response = http.send(HttpRequest.newBuilder(uri("/api/v1/imports/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                var report = JsonPath.parse(response.body());
                if (List.of("COMPLETED", "FAILED").contains((String) report.read("$.status"))) {
                    return report;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the import did not end");
    }

    private static long count(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.url(SCHEMA), TestDatabase.USER, TestDatabase.PASSWORD);
             var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String text(String sql) throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.url(SCHEMA), TestDatabase.USER, TestDatabase.PASSWORD);
             var result = connection.createStatement().executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
