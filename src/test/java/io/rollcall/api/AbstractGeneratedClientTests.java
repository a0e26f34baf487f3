package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import generated.rollcall.client.ApiClient;
import generated.rollcall.client.api.ImportsApi;
import generated.rollcall.client.api.SchoolsApi;
import generated.rollcall.client.api.TemplatesApi;
import generated.rollcall.client.api.TokensApi;
import generated.rollcall.client.model.ErrorCode;
import generated.rollcall.client.model.ImportReport;
import generated.rollcall.client.model.NewAdmin;
import generated.rollcall.client.model.NewSchool;
import generated.rollcall.client.model.Problem;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClientResponseException;

/**
 * The README's walk-through, through a client generated from {@code docs/openapi.json} at build
 * time: what an integrator's generated client does must work against the real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractGeneratedClientTests {

    @LocalServerPort
    int port;

    @TempDir
    Path files;

    private ApiClient signedIn(String email, String password) {
        var basic = client();
        basic.setUsername(email);
        basic.setPassword(password);
        var bearer = client();
        bearer.setBearerToken(new TokensApi(basic).createToken().getToken());
        return bearer;
    }

    private ApiClient client() {
        return new ApiClient().setBasePath("http://127.0.0.1:" + port);
    }

    @Test
    void runsTheWalkThroughFromTokenToFailedRows() throws Exception {
        var operator = signedIn(ApiTestSupport.OPERATOR_EMAIL, ApiTestSupport.OPERATOR_PASSWORD);
        var schoolId = "G" + UUID.randomUUID().toString().substring(0, 8);
        var schools = new SchoolsApi(operator);
        var created = schools.createSchoolWithHttpInfo(new NewSchool().schoolId(schoolId).name("Demo Campus")
            .customPasswordOverridesExisting(false));
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/schools/" + schoolId);
        var adminEmail = "dana-" + schoolId + "@demo.example.com";
        var granted = schools.grantAdmin(schoolId, new NewAdmin().email(adminEmail).firstName("Dana").lastName("Admin")
            .password("admin-password-1"));
        assertThat(granted.getAccountCreated()).isTrue();

        var admin = signedIn(adminEmail, "admin-password-1");
        assertThat(new TemplatesApi(client()).downloadExample()).startsWith(ApiTestSupport.HEADER);
        var roster = files.resolve("roster.csv");
        Files.writeString(roster, ApiTestSupport.HEADER + "\n"
            + "Ada,Lovelace,ada-" + schoolId + "@demo.example.com,0,A1," + schoolId + "\n"
            + "Bad,Row,not-an-email,0,A2," + schoolId + "\n");
        var imports = new ImportsApi(admin);
        // The custom password travels as a multipart field: the server refuses any upload with a query string.
        var upload = imports.uploadImport(roster.toFile(), "walk-through-" + schoolId, false, "Welcome-2026", false, "auto", "add", true);
        // The 202 body is the import as it stands: a two-row file may already be done by then.
        assertThat(upload.getStatus()).isIn(ImportReport.StatusEnum.QUEUED, ImportReport.StatusEnum.RUNNING,
            ImportReport.StatusEnum.COMPLETED);
        assertThat(upload.getCustomPasswordSet()).isTrue();

        var report = awaitEnd(imports, upload.getId());
        assertThat(report.getStatus()).isEqualTo(ImportReport.StatusEnum.COMPLETED);
        assertThat(report.getCreated()).isEqualTo(1);
        assertThat(report.getFailed()).isEqualTo(1);
        assertThat(report.getFileError()).isNull();
        assertThat(report.getFinishedAt()).isNotNull();

        var errors = imports.listImportErrors(upload.getId(), 0, 100);
        assertThat(errors.getTotal()).isEqualTo(1);
        assertThat(errors.getItems()).singleElement().satisfies(error -> {
            assertThat(error.getRow()).isEqualTo(3);
            assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_EMAIL);
            assertThat(error.getMessage()).isEqualTo("Validation isEmail on email failed");
        });
        var failedRows = imports.downloadFailedRowsWithResponseSpec(upload.getId()).body(byte[].class);
        assertThat(new String(failedRows, StandardCharsets.UTF_8)).contains(ApiTestSupport.HEADER + ",error")
            .contains("Bad,Row,not-an-email,0,A2," + schoolId + ",");
        assertThat(new SchoolsApi(admin).listUsers(schoolId, null, "ACTIVE", 0, 100).getItems()).singleElement()
            .satisfies(user -> assertThat(user.getMustChangePassword()).isTrue());
    }

    @Test
    void readsAProblemAsTheDescriptionDefinesIt() {
        var operator = signedIn(ApiTestSupport.OPERATOR_EMAIL, ApiTestSupport.OPERATOR_PASSWORD);

        assertThatThrownBy(() -> new ImportsApi(operator).getImport("no-such-import"))
            .isInstanceOfSatisfying(RestClientResponseException.class, e -> {
                assertThat(e.getStatusCode().value()).isEqualTo(404);
                var problem = e.getResponseBodyAs(Problem.class);
                assertThat(problem.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(problem.getDetail()).isEqualTo("There is no import no-such-import");
            });
    }

    private static ImportReport awaitEnd(ImportsApi imports, String id) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var report = imports.getImport(id);
            if (report.getStatus() == ImportReport.StatusEnum.COMPLETED
                    || report.getStatus() == ImportReport.StatusEnum.FAILED) {
                return report;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + id + " did not end within 60 s");
    }
}
