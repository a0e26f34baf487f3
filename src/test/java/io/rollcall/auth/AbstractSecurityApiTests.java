package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rollcall.ApiTestSupport;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** The audit log, per-address sign-in limits, token revocation and the purge of personal data. */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractSecurityApiTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    private MvcResult tokenRequestFrom(String address, String email, String password) throws Exception {
        return mvc.perform(post("/api/v1/tokens").header("Authorization", basic(email, password))
            .with(request -> {
                request.setRemoteAddr(address);
                return request;
            })).andReturn();
    }

    @Test
    void oneAddressTryingManyAccountsIsLockedOut() throws Exception {
        var address = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        for (int i = 0; i < 25; i++) {
            assertThat(tokenRequestFrom(address, "guess" + i + "-" + unique() + "@example.com", "password-" + i)
                .getResponse().getStatus()).isEqualTo(401);
        }
        var locked = tokenRequestFrom(address, OPERATOR_EMAIL, OPERATOR_PASSWORD);
        assertThat(locked.getResponse().getStatus()).isEqualTo(429);
        assertThat((String) json(locked).read("$.code")).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(tokenRequestFrom("10.78.0.1", OPERATOR_EMAIL, OPERATOR_PASSWORD).getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void anOverLongOrMalformedSignInEmailIsAnOrdinaryCountedFailure() throws Exception {
        var address = "10.79." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        var emails = List.of("a".repeat(300) + "@example.com", "x".repeat(5000), "ctl\u0001\u007f@example.com",
            "\u00e9\u00e8@\u00fc.example", "@", "");
        for (int i = 0; i < 25; i++) {
            var result = tokenRequestFrom(address, emails.get(i % emails.size()), "password-" + i);
            assertThat(result.getResponse().getStatus()).as(emails.get(i % emails.size())).isEqualTo(401);
            assertThat((String) json(result).read("$.code")).isEqualTo("UNAUTHENTICATED");
        }
        var locked = tokenRequestFrom(address, "a".repeat(300) + "@example.com", "password");
        assertThat(locked.getResponse().getStatus()).isEqualTo(429);
        assertThat(locked.getResponse().getHeader("Retry-After")).isNotNull();
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() throws Exception {
        var token = token(OPERATOR_EMAIL, OPERATOR_PASSWORD);
        assertThat(get("/api/v1/schools", token).getResponse().getStatus()).isEqualTo(200);
        assertThat(call(delete("/api/v1/tokens/current"), token).getResponse().getStatus()).isEqualTo(204);
        assertThat(get("/api/v1/schools", token).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void operatorsReadTheAuditLogOfSecurityEvents() throws Exception {
        var school = school(false);
        patchJson("/api/v1/schools/" + school, operator, "{\"customPasswordOverridesExisting\":true}");
        var adminEmail = adminEmail(school);
        tokenRequest(adminEmail, "not-the-password");
        var admin = token(adminEmail, ADMIN_PASSWORD);
        importFile(admin, csv(HEADER, String.join(",", "Au", "Dit", "audit." + unique() + "@example.com", "0", "1", school)),
            "customPassword", "Never-Logged-1");

        var log = json(get("/api/v1/audit?size=1000", operator));
        List<String> events = log.read("$.items[*].event");
        assertThat(events).contains("SIGN_IN", "SIGN_IN_FAILED", "TOKEN_ISSUED", "SCHOOL_CREATED", "POLICY_CHANGED",
            "ADMIN_GRANTED", "IMPORT_STARTED", "IMPORT_FINISHED");
        assertThat((List<String>) log.read("$.items[?(@.event == 'POLICY_CHANGED')].target")).contains(school);
        assertThat((List<String>) log.read("$.items[?(@.event == 'SIGN_IN_FAILED')].actorEmail")).contains(adminEmail);
        assertThat((List<String>) log.read("$.items[?(@.event == 'IMPORT_FINISHED')].details"))
            .anySatisfy(details -> assertThat(details).contains("created=1"));
        assertThat(get("/api/v1/audit", null).getResponse().getContentAsString()).doesNotContain("Never-Logged-1");
        assertThat(log.jsonString()).doesNotContain("Never-Logged-1").doesNotContain("not-the-password")
            .doesNotContain(ADMIN_PASSWORD);
        assertThat(get("/api/v1/audit", admin).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theCustomPasswordIsNeverStoredOrLoggedInClear(CapturedOutput output) throws Exception {
        var secret = "Zebra-Secret-" + unique();
        var school = school(true);
        var admin = admin(school);
        importFile(admin, csv(HEADER, String.join(",", "Clear", "Text", "clear." + unique() + "@example.com", "0", "1", school)),
            "customPassword", secret, "sendWelcomeEmails", "true");
        var bad = upload(admin, csv(HEADER), "customPassword", "short");
        assertThat(bad.getResponse().getContentAsString()).doesNotContain("short\"");

        assertThat(output.getAll()).doesNotContain(secret);
        var textColumns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where lower(table_schema) = lower(current_schema())
                    and lower(data_type) in ('character varying', 'text', 'character')""")
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(textColumns).extracting(c -> c[1].toLowerCase()).contains("password_hash", "custom_password_hash");
        for (var column : textColumns) {
            long hits = jdbc.sql("select count(*) from " + column[0] + " where " + column[1] + " like :s")
                .param("s", "%" + secret + "%").query(Long.class).single();
            assertThat(hits).as(column[0] + "." + column[1]).isZero();
        }
    }

    @Test
    void anOperatorPurgesAnImportsPersonalDataAndKeepsItsCounts() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var report = importFile(admin, csv(HEADER, String.join(",", "Pur", "Ge", "bad-email", "0", "1", school),
            String.join(",", "Kept", "Ok", "kept." + unique() + "@example.com", "0", "2", school)));
        String id = report.read("$.id");
        assertThat(get("/api/v1/imports/" + id + "/failed-rows.csv", admin).getResponse().getStatus()).isEqualTo(200);
        assertThat(call(post("/api/v1/imports/" + id + "/purge"), admin).getResponse().getStatus()).isEqualTo(403);

        assertThat(call(post("/api/v1/imports/" + id + "/purge"), operator).getResponse().getStatus()).isEqualTo(204);

        var purged = get("/api/v1/imports/" + id + "/failed-rows.csv", admin);
        assertThat(purged.getResponse().getStatus()).isEqualTo(410);
        assertThat((String) json(purged).read("$.code")).isEqualTo("DATA_PURGED");
        var after = json(get("/api/v1/imports/" + id, admin));
        assertThat(List.of(after.read("$.created"), after.read("$.failed"))).containsExactly(1, 1);
        assertThat((List<String>) after.read("$.errors[*].code")).containsExactly("INVALID_EMAIL");
        assertThat((List<Object>) after.read("$.errors[*].email")).containsOnlyNulls();
        assertThat(call(post("/api/v1/imports/no-such-import/purge"), operator).getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void thePortalsFailedRowsDownloadOfAPurgedImportSaysSo() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        var report = importFile(token(email, ADMIN_PASSWORD),
            csv(HEADER, String.join(",", "Pur", "Ge", "bad-email", "0", "1", school)));
        String id = report.read("$.id");
        assertThat(call(post("/api/v1/imports/" + id + "/purge"), operator).getResponse().getStatus()).isEqualTo(204);

        var portal = signIn(email, ADMIN_PASSWORD);
        var download = mvc.perform(MockMvcRequestBuilders.get("/setup/imports/" + id + "/failed-rows.csv").session(portal.session()))
            .andReturn().getResponse();
        assertThat(download.getStatus()).isEqualTo(410);
        assertThat(download.getContentAsString()).contains("deleted after the retention period");
    }
}
