package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;

import java.util.List;
import java.util.Map;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The contract's "API keys": a school's admin or an operator makes, lists and revokes them; a key
 * has its school's admin rights on the API and nowhere else, is stored hashed, and what it does is
 * recorded under its name. Runs on H2 and PostgreSQL.
 */
abstract class AbstractApiKeyApiTests extends ApiTestSupport {

    String school;
    String adminEmail;
    String admin;

    @BeforeEach
    void schoolWithAdmin() throws Exception {
        school = school(false);
        adminEmail = adminEmail(school);
        admin = token(adminEmail, ADMIN_PASSWORD);
    }

    record Key(String id, String key) {
    }

    Key createKey(String token, String schoolId, String name) throws Exception {
        var result = postJson("/api/v1/schools/" + schoolId + "/api-keys", token, "{\"name\":\"" + name + "\"}");
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        var body = json(result);
        return new Key(body.read("$.id"), body.read("$.key"));
    }

    List<Map<String, Object>> keys(String token, String schoolId) throws Exception {
        var result = get("/api/v1/schools/" + schoolId + "/api-keys", token);
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return json(result).read("$.items");
    }

    String row(String email, String schoolId) {
        return String.join(",", "Kay", "Key", email, "0", "K-" + unique(), schoolId);
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndListedWithItsMakerAndLastUse() throws Exception {
        var result = postJson("/api/v1/schools/" + school + "/api-keys", admin, "{\"name\":\"  Nightly SIS  \"}");

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        var created = json(result);
        String id = created.read("$.id");
        String key = created.read("$.key");
        assertThat(key).startsWith("rk_").hasSizeGreaterThan(40);
        assertThat((String) created.read("$.name")).isEqualTo("Nightly SIS");
        assertThat((String) created.read("$.createdAt")).isNotBlank();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/schools/" + school + "/api-keys/" + id);
        var stored = context.getBean(JdbcClient.class).sql("select key_hash from api_key where id = :id")
            .param("id", id).query(String.class).single();
        assertThat(stored).isNotEqualTo(key).isEqualTo(io.rollcall.secret.Secrets.digest(key));

        var listed = keys(admin, school);
        assertThat(listed).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("id", id).containsEntry("name", "Nightly SIS")
                .containsEntry("createdBy", adminEmail).containsEntry("lastUsedAt", null).doesNotContainKey("key");
            assertThat(item.values()).doesNotContain(key);
        });

        assertThat(get("/api/v1/schools/" + school, key).getResponse().getStatus()).isEqualTo(200);
        var used = keys(operator, school).get(0);
        assertThat(used.get("lastUsedAt")).isNotNull();
        assertThat(used).containsEntry("lastUsedAddress", "127.0.0.1");
    }

    @Test
    void aKeyImportsForItsSchoolAndWhatItDidCarriesItsName() throws Exception {
        var key = createKey(admin, school, "Nightly SIS").key();
        var email = "keyed." + unique() + "@example.com";

        var report = importFile(key, csv(HEADER, row(email, school)));

        assertThat((Integer) report.read("$.created")).isEqualTo(1);
        assertThat(users(admin, school)).containsKey(email);
        assertThat(json(get("/api/v1/imports", key)).read("$.items[*].id", List.class)).contains((Object) report.read("$.id"));
        var audit = json(get("/api/v1/audit?size=1000", operator));
        assertThat((List<String>) audit.read("$.items[?(@.event == 'IMPORT_STARTED')].actorEmail"))
            .contains("key 'Nightly SIS'");
        assertThat((List<String>) audit.read("$.items[?(@.event == 'IMPORT_FINISHED')].actorEmail"))
            .contains("key 'Nightly SIS'");
        assertThat((List<String>) audit.read("$.items[?(@.event == 'API_KEY_CREATED')].actorEmail")).contains(adminEmail);

        // The school's admins see who uploaded it, on the import's page and in the person's history.
        var portal = signIn(adminEmail, ADMIN_PASSWORD);
        var page = mvc.perform(MockMvcRequestBuilders.get("/setup/imports/" + report.read("$.id"))
            .session(portal.session())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("by <span>key &#39;Nightly SIS&#39;</span>");
    }

    @Test
    void aRevokedKeyStopsAtOnceAndItsNameStaysOnWhatItDid() throws Exception {
        var key = createKey(admin, school, "Old export");
        var report = importFile(key.key(), csv(HEADER, row("old." + unique() + "@example.com", school)));

        assertThat(call(delete("/api/v1/schools/" + school + "/api-keys/" + key.id()), admin).getResponse().getStatus())
            .isEqualTo(204);

        var refused = get("/api/v1/schools", key.key());
        assertThat(refused.getResponse().getStatus()).isEqualTo(401);
        assertThat(json(refused).read("$.code", String.class)).isEqualTo("UNAUTHENTICATED");
        assertThat(keys(admin, school)).isEmpty();
        assertThat(call(delete("/api/v1/schools/" + school + "/api-keys/" + key.id()), admin).getResponse().getStatus())
            .isEqualTo(404);
        var audit = json(get("/api/v1/audit?size=1000", operator));
        assertThat((List<String>) audit.read("$.items[?(@.event == 'API_KEY_REVOKED')].details"))
            .contains("key 'Old export' (" + key.id() + ")");
        var portal = signIn(adminEmail, ADMIN_PASSWORD);
        var page = mvc.perform(MockMvcRequestBuilders.get("/setup/imports/" + report.read("$.id"))
            .session(portal.session())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("key &#39;Old export&#39;");
    }

    @Test
    void aKeySurvivesItsMakersPasswordChangeAndLostPermission() throws Exception {
        var key = createKey(admin, school, "Survivor").key();

        var set = postJson("/api/v1/password/set", null, """
                {"token":"%s","password":"a-brand-new-password"}""".formatted(newLink(adminEmail)));
        assertThat(set.getResponse().getStatus()).isEqualTo(204);
        assertThat(get("/api/v1/schools", admin).getResponse().getStatus()).isEqualTo(401);
        assertThat(get("/api/v1/schools/" + school, key).getResponse().getStatus()).isEqualTo(200);

        assertThat(call(delete("/api/v1/schools/" + school + "/admins/" + adminEmail), operator).getResponse().getStatus())
            .isEqualTo(204);
        assertThat(get("/api/v1/schools/" + school, key).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void aKeyIsItsSchoolsAdminOnlyAndNeverAnotherSchools() throws Exception {
        var other = school(false);
        var otherAdmin = admin(other);
        var key = createKey(admin, school, "Mine").key();
        var theirMember = "theirs." + unique() + "@example.com";
        var theirs = importFile(otherAdmin, csv(HEADER, row(theirMember, other)));

        assertThat(json(get("/api/v1/schools", key)).read("$.items[*].schoolId", List.class)).containsExactly(school);
        assertThat(get("/api/v1/schools/" + other, key).getResponse().getStatus()).isEqualTo(403);
        assertThat(get("/api/v1/schools/" + other + "/users", key).getResponse().getStatus()).isEqualTo(403);
        assertThat(get("/api/v1/imports/" + theirs.read("$.id"), key).getResponse().getStatus()).isEqualTo(404);
        var stranger = "stranger." + unique() + "@example.com";
        var report = importFile(key, csv(HEADER, row(stranger, other)));
        assertThat((List<String>) report.read("$.errors[*].code")).containsExactly("UNAUTHORIZED_SCHOOL");
        assertThat(users(otherAdmin, other)).doesNotContainKey(stranger);
        assertThat(call(MockMvcRequestBuilders.post("/api/v1/schools/" + other + "/users/" + theirMember + "/deactivate"),
            key).getResponse().getStatus()).isEqualTo(403);
        // Operator work is not a school admin's.
        assertThat(postJson("/api/v1/schools", key, "{\"schoolId\":\"K" + unique() + "\",\"name\":\"Key's\"}")
            .getResponse().getStatus()).isEqualTo(403);
        assertThat(postJson("/api/v1/schools/" + school + "/admins", key, """
                {"email":"grab.%s@example.com","firstName":"Grab","lastName":"Admin","password":"grab-password-1"}"""
            .formatted(unique())).getResponse().getStatus()).isEqualTo(403);
        assertThat(get("/api/v1/audit", key).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void anotherSchoolsAdminCanNeitherSeeNorMakeNorRevokeTheKeys() throws Exception {
        var other = school(false);
        var otherAdmin = admin(other);
        var key = createKey(admin, school, "Guarded");

        assertThat(get("/api/v1/schools/" + school + "/api-keys", otherAdmin).getResponse().getStatus()).isEqualTo(403);
        assertThat(postJson("/api/v1/schools/" + school + "/api-keys", otherAdmin, "{\"name\":\"Mole\"}")
            .getResponse().getStatus()).isEqualTo(403);
        assertThat(call(delete("/api/v1/schools/" + school + "/api-keys/" + key.id()), otherAdmin)
            .getResponse().getStatus()).isEqualTo(403);
        // Through their own school's address, the key of another school is not found.
        assertThat(call(delete("/api/v1/schools/" + other + "/api-keys/" + key.id()), otherAdmin)
            .getResponse().getStatus()).isEqualTo(404);
        assertThat(get("/api/v1/schools/" + school, key.key()).getResponse().getStatus()).isEqualTo(200);
        assertThat(keys(admin, school)).hasSize(1);
    }

    @Test
    void aKeyCannotManageKeysNorOpenThePortalNorRevokeItselfAsAToken() throws Exception {
        var key = createKey(admin, school, "Limited").key();

        MvcResult minted = postJson("/api/v1/schools/" + school + "/api-keys", key, "{\"name\":\"Child\"}");
        assertThat(minted.getResponse().getStatus()).isEqualTo(403);
        assertThat(get("/api/v1/schools/" + school + "/api-keys", key).getResponse().getStatus()).isEqualTo(403);
        assertThat(call(delete("/api/v1/tokens/current"), key).getResponse().getStatus()).isEqualTo(403);
        var portal = mvc.perform(MockMvcRequestBuilders.get("/setup/create-users").header("Authorization", "Bearer " + key))
            .andReturn().getResponse();
        assertThat(portal.getStatus()).isEqualTo(302);
        assertThat(portal.getRedirectedUrl()).endsWith("/login");
        assertThat(keys(admin, school)).hasSize(1);
    }

    @Test
    void anOperatorManagesAnySchoolsKeysAndNamesAreChecked() throws Exception {
        var key = createKey(operator, school, "By operator");
        assertThat(keys(admin, school)).extracting(item -> item.get("createdBy")).containsExactly(OPERATOR_EMAIL);
        assertThat(postJson("/api/v1/schools/NO-SUCH-" + unique() + "/api-keys", operator, "{\"name\":\"x\"}")
            .getResponse().getStatus()).isEqualTo(404);

        for (var name : List.of("", "   ", "x".repeat(101), "line\\nbreak")) {
            var refused = postJson("/api/v1/schools/" + school + "/api-keys", admin, "{\"name\":\"" + name + "\"}");
            assertThat(refused.getResponse().getStatus()).as(name).isEqualTo(400);
            assertThat(json(refused).read("$.code", String.class)).isEqualTo("INVALID_REQUEST");
        }
        assertThat(postJson("/api/v1/schools/" + school + "/api-keys", admin, "{}").getResponse().getStatus())
            .isEqualTo(400);
        for (int i = 1; i < 25; i++) {
            createKey(admin, school, "Key " + i);
        }
        var tooMany = postJson("/api/v1/schools/" + school + "/api-keys", admin, "{\"name\":\"One more\"}");
        assertThat(tooMany.getResponse().getStatus()).isEqualTo(400);
        assertThat(json(tooMany).read("$.detail", String.class)).contains("25 API keys");
        assertThat(call(delete("/api/v1/schools/" + school + "/api-keys/" + key.id()), operator).getResponse().getStatus())
            .isEqualTo(204);
        createKey(admin, school, "One more");
    }

    @Test
    void eachKeyHasItsOwnIdempotencyKeys() throws Exception {
        var first = createKey(admin, school, "First").key();
        var second = createKey(admin, school, "Second").key();
        var file = csv(HEADER, row("idem." + unique() + "@example.com", school));
        var idempotency = "nightly-" + unique();

        var one = upload(first, file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var withKey = call(MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "roster.csv", "text/csv", file.getBytes()))
            .header("Idempotency-Key", idempotency), first);
        var again = call(MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "roster.csv", "text/csv", file.getBytes()))
            .header("Idempotency-Key", idempotency), first);
        var byOther = call(MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new org.springframework.mock.web.MockMultipartFile("file", "roster.csv", "text/csv", file.getBytes()))
            .header("Idempotency-Key", idempotency), second);

        assertThat(one.getResponse().getStatus()).isEqualTo(202);
        assertThat(withKey.getResponse().getStatus()).isEqualTo(202);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(again).read("$.id", String.class)).isEqualTo(json(withKey).read("$.id", String.class));
        assertThat(byOther.getResponse().getStatus()).isEqualTo(202);
        assertThat(json(byOther).read("$.id", String.class)).isNotEqualTo(json(withKey).read("$.id", String.class));
    }
}
