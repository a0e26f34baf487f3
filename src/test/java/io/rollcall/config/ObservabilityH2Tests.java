package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.rollcall.ApiTestSupport;
import io.rollcall.mail.DeliveryFailure;
import io.rollcall.mail.MailTransport;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees of Rollcall at work, with JSON logs on ({@code logging.structured.format.console=ecs}):
 * the Prometheus series after an import with welcome emails and failed sign-ins, and log lines that are
 * JSON, carry the import, school and user as fields, and never show an email address at INFO or above.
 * The mail server here refuses {@code gone.*} for good and {@code later.*} for now, quoting the address
 * as real servers do. Its own context (JSON logs stay on in this JVM for the contexts it caches after).
 */
@ActiveProfiles({"test", "h2", "relay"})
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.structured.format.console=ecs")
@Import(ObservabilityH2Tests.PickyServer.class)
class ObservabilityH2Tests extends ApiTestSupport {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)+");

    @TestConfiguration
    static class PickyServer {

        @Bean
        @Primary
        MailTransport picky() {
            return mail -> {
                if (mail.to().startsWith("gone.")) {
                    throw new DeliveryFailure("SMTP 550: 550 5.1.1 <" + mail.to() + ">: No such user", true, null);
                }
                if (mail.to().startsWith("later.")) {
                    throw new DeliveryFailure("SMTP 451: 451 4.3.0 <" + mail.to() + ">: try again later", false, null);
                }
            };
        }
    }

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void prometheusCountsImportsEmailsAndRefusedSignIns() throws Exception {
        var before = scrape();
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER,
            String.join(",", "Here", "Ok", "here." + u + "@example.com", "0", "H1", school),
            String.join(",", "Gone", "Away", "gone." + u + "@example.com", "0", "G1", school),
            String.join(",", "Bad", "Row", "not-an-email", "0", "B1", school)), "sendWelcomeEmails", "true");
        assertThat((Integer) report.read("$.created")).isEqualTo(2);
        assertThat((Integer) report.read("$.failed")).isEqualTo(1);
        // A wrong password, then ten for an address nobody has: the tenth locks it, the eleventh is refused.
        assertThat(tokenRequestFromElsewhere(adminEmail(school), "wrong-password-1").getResponse().getStatus()).isEqualTo(401);
        var nobody = "nobody." + u + "@example.com";
        for (int i = 0; i < 10; i++) {
            assertThat(tokenRequestFromElsewhere(nobody, "guess-" + i).getResponse().getStatus()).isEqualTo(401);
        }
        assertThat(tokenRequestFromElsewhere(nobody, "guess-10").getResponse().getStatus()).isEqualTo(429);
        awaitEmails(before, 1, 1);

        var after = scrape();
        assertThat(delta(before, after, "rollcall_import_rows_total{outcome=\"created\"}")).isEqualTo(2);
        assertThat(delta(before, after, "rollcall_import_rows_total{outcome=\"failed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "rollcall_import_rows_total{outcome=\"updated\"}")).isZero();
        assertThat(delta(before, after, "rollcall_import_duration_seconds_count{status=\"completed\"}")).isEqualTo(1);
        assertThat(value(after, "rollcall_import_duration_seconds_sum{status=\"completed\"}")).isPositive();
        for (var stage : List.of("stage", "apply", "cleanup")) {
            assertThat(delta(before, after, "rollcall_import_stage_seconds_count{stage=\"" + stage + "\"}")).as(stage)
                .isEqualTo(1);
        }
        assertThat(delta(before, after, "rollcall_emails_total{result=\"sent\"}")).isEqualTo(1);
        assertThat(delta(before, after, "rollcall_emails_total{result=\"failed\"}")).isEqualTo(1);
        assertThat(delta(before, after, "rollcall_sign_in_failures_total{reason=\"bad_credentials\"}")).isEqualTo(11);
        assertThat(delta(before, after, "rollcall_sign_in_lockouts_total")).isEqualTo(1);
        // The admin's passwords (the right one, then a wrong one) are checked in the staff lane; the crowd's
        // checked each unknown email against a stand-in hash (and hashed the new admin's password).
        assertThat(delta(before, after, "rollcall_password_hashes_seconds_count{lane=\"staff\"}")).isEqualTo(2);
        var crowdHashes = delta(before, after, "rollcall_password_hashes_seconds_count{lane=\"crowd\"}");
        assertThat(crowdHashes).isGreaterThanOrEqualTo(10);
        assertThat(delta(before, after, "rollcall_password_hash_wait_seconds_count{lane=\"crowd\"}")).isEqualTo(crowdHashes);
        assertThat(delta(before, after, "rollcall_password_hash_cpu_seconds_total{lane=\"crowd\"}")).isPositive();
        assertThat(delta(before, after, "rollcall_password_hash_refused_total{lane=\"crowd\"}")).isZero();
        assertThat(value(after, "rollcall_outbox_pending")).isNotNegative();
        // No series names a school, an import or a person: their number does not grow with them.
        assertThat(after).doesNotContain(school, (String) report.read("$.id"), "@");
    }

    @Test
    void aTemporarilyRefusedEmailIsCountedAsRetried() throws Exception {
        var before = scrape();
        var school = school(false);
        importFile(admin(school), csv(HEADER, String.join(",", "Later", "On", "later." + unique() + "@example.com", "0",
            "L1", school)), "sendWelcomeEmails", "true");
        for (int i = 0; i < 200 && delta(before, scrape(), "rollcall_emails_total{result=\"retried\"}") < 1; i++) {
            Thread.sleep(50);
        }
        assertThat(delta(before, scrape(), "rollcall_emails_total{result=\"retried\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void logLinesAreJsonWithTheImportSchoolAndUserAndNoEmailAddress(CapturedOutput output) throws Exception {
        var school = school(false);
        var adminEmail = adminEmail(school);
        var admin = token(adminEmail, ADMIN_PASSWORD);
        var adminId = jdbc.sql("select id from account where email_key = :email").param("email", adminEmail)
            .query(Long.class).single();
        assertThat(signIn(adminEmail, ADMIN_PASSWORD).session()).isNotNull();
        var u = unique();
        var before = scrape();
        var report = importFile(admin, csv(HEADER,
            String.join(",", "Jane", "Doe", "jane.doe." + u + "@example.com", "0", "J1", school),
            String.join(",", "Gone", "Away", "gone." + u + "@example.com", "0", "G1", school)), "sendWelcomeEmails", "true");
        String id = report.read("$.id");
        awaitEmails(before, 1, 1);

        // What no log statement of Rollcall's can mask: an address inside an exception's message.
        LoggerFactory.getLogger(ObservabilityH2Tests.class).error("Unexpected error (log id test)",
            new IllegalStateException("Key (email_key)=(ada." + u + "@example.com) already exists"));

        var lines = jsonLines(output);
        assertThat(lines).filteredOn(line -> line.path("message").asString().equals("Unexpected error (log id test)"))
            .singleElement().satisfies(line -> assertThat(line.toString()).contains("(a***@example.com)")
                .contains("IllegalStateException").doesNotContain("ada." + u));
        var queued = lines.stream().filter(line -> line.path("message").asString().startsWith("Import " + id + " queued"))
            .toList();
        assertThat(queued).as("the upload's line, logged while the request is signed in").singleElement()
            .satisfies(line -> assertThat(line.path("user").path("id").asString()).isEqualTo(String.valueOf(adminId)));
        var processed = lines.stream().filter(line -> line.path("message").asString().startsWith("Import " + id + ": "))
            .toList();
        assertThat(processed).as("the worker's line").singleElement().satisfies(line -> {
            assertThat(line.path("import").path("id").asString()).isEqualTo(id);
            assertThat(line.path("school").path("id").asString()).isEqualTo(school);
            assertThat(line.path("user").path("id").asString()).isEqualTo(String.valueOf(adminId));
        });
        assertThat(lines).as("the refused email, masked").anySatisfy(line -> assertThat(line.path("message").asString())
            .contains("failed for good").contains("g***@example.com"));

        var leaks = new ArrayList<String>();
        for (var line : lines) {
            var level = line.path("log").path("level").asString();
            if (List.of("INFO", "WARN", "ERROR").contains(level) && EMAIL.matcher(line.toString()).find()) {
                leaks.add(line.toString());
            }
        }
        assertThat(leaks).as("INFO and above with an email address").isEmpty();
    }

    @Test
    void theTrialDefaultsEachWarnOnceAtStartup(CapturedOutput output) {
        var warnings = jsonLines(output).stream().filter(line -> line.path("log").path("level").asString().equals("WARN"))
            .map(line -> line.path("message").asString()).toList();
        assertThat(warnings).filteredOn(w -> w.startsWith("The embedded H2 database is in use")).singleElement()
            .asString().contains("SPRING_DATASOURCE_URL");
        assertThat(warnings).filteredOn(w -> w.startsWith("No SMTP host is set")).singleElement()
            .asString().contains("SPRING_MAIL_HOST");
        assertThat(warnings).filteredOn(w -> w.startsWith("rollcall.public-url is http://localhost:8080")).singleElement()
            .asString().contains("ROLLCALL_PUBLIC_URL");
    }

    // This context's lines, each one JSON object (the startup banner is off with structured logging).
    // Another cached test context, in plain text, may log meanwhile (closing when the cache evicts it).
    private List<JsonNode> jsonLines(CapturedOutput output) {
        var lines = new ArrayList<JsonNode>();
        for (var line : output.getOut().split("\n")) {
            if (line.isBlank() || (!line.startsWith("{") && !line.contains("\"@timestamp\""))) {
                continue;
            }
            assertThat(line).as("a log line").startsWith("{").endsWith("}");
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    private void awaitEmails(String before, int sent, int failed) throws Exception {
        for (int i = 0; i < 200; i++) {
            var now = scrape();
            if (delta(before, now, "rollcall_emails_total{result=\"sent\"}") >= sent
                    && delta(before, now, "rollcall_emails_total{result=\"failed\"}") >= failed) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the emails were not sent");
    }

    private String scrape() throws Exception {
        var response = mvc.perform(MockMvcRequestBuilders.get("/actuator/prometheus")
            .header("Authorization", "Bearer " + operator)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString();
    }

    private static double delta(String before, String after, String series) {
        return value(after, series) - (before.contains("\n" + series + " ") ? value(before, series) : 0);
    }

    private static double value(String scrape, String series) {
        for (var line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        throw new AssertionError("no series " + series + " in\n" + scrape);
    }
}
