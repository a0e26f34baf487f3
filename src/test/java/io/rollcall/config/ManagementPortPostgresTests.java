package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Rollcall set up as a school runs it: PostgreSQL, an SMTP host, a public address, and the actuator on
 * a port of its own ({@code management.server.port}) that only the monitoring network reaches. There
 * Prometheus scrapes without signing in; the main port serves no metrics; and no trial default warns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles({"test", "postgres", "smtp"})
@ExtendWith(OutputCaptureExtension.class)
class ManagementPortPostgresTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theManagementPortServesTheMetricsWithoutSignInAndTheMainPortNone() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        var metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("rollcall_outbox_pending", "rollcall_emails_total{result=\"sent\"}");
        assertThat(get(managementPort, "/actuator/health/readiness").body()).contains("\"UP\"");

        // As any path the portal does not know: to the sign-in page.
        var main = get(port, "/actuator/prometheus");
        assertThat(main.statusCode()).isEqualTo(302);
        assertThat(main.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(main.body()).doesNotContain("rollcall_");
    }

    @Test
    void aSchoolsSetupStartsWithoutTheTrialWarnings(CapturedOutput output) {
        // The output holds the startup: Flyway named the database in it.
        assertThat(output.getOut()).contains("Database: jdbc:postgresql:")
            .doesNotContain("The embedded H2 database is in use", "No SMTP host is set", "rollcall.public-url is");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
