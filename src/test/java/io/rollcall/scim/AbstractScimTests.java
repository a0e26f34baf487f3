package io.rollcall.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * SCIM 2.0 through a real SCIM client (UnboundID's), and the request sequences Microsoft Entra ID
 * and Okta document for their provisioning, against a running Rollcall with a school's API key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AbstractScimTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    String school;
    String adminToken;
    String key;
    ScimService scim;

    @BeforeEach
    void schoolWithKey() throws Exception {
        school = school(false);
        adminToken = admin(school);
        key = json(postJson("/api/v1/schools/" + school + "/api-keys", adminToken, "{\"name\":\"Entra ID\"}")).read("$.key");
        scim = client(key);
    }

    ScimService client(String bearer) {
        // Java's HttpURLConnection knows no PATCH; Jersey's documented workaround sends it all the same.
        var target = ClientBuilder.newClient()
            .property(org.glassfish.jersey.client.HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true).target("http://localhost:" + port + "/scim/v2")
            .register((ClientRequestFilter) request -> request.getHeaders().add("Authorization", "Bearer " + bearer));
        return new ScimService(target);
    }

    static UserResource person(String email, String given, String family, String externalId) {
        var name = new Name();
        name.setGivenName(given);
        name.setFamilyName(family);
        var work = new Email();
        work.setValue(email);
        work.setType("work");
        work.setPrimary(true);
        var user = new UserResource();
        user.setUserName(email);
        user.setName(name);
        user.setExternalId(externalId);
        user.setEmails(List.of(work));
        return user;
    }

    record Answer(int status, DocumentContext body, String raw) {
    }

    Answer http(String method, String path, String bearer, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", "application/scim+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        var raw = response.body();
        return new Answer(response.statusCode(), raw == null || raw.isBlank() ? null : JsonPath.parse(raw), raw);
    }

    @Test
    void theClientLibraryReadsDiscoveryAndCreatesFindsChangesAndDeletesAUser() throws Exception {
        var config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(scim.getResourceTypes().getResources()).extracting(type -> type.getName()).containsExactly("User");
        assertThat(scim.getSchemas().getResources()).extracting(schema -> schema.getId())
            .containsExactly("urn:ietf:params:scim:schemas:core:2.0:User");

        var email = "ada." + unique() + "@example.org";
        var created = scim.create("Users", person(email, "Ada", "Lovelace", "S-" + unique()));
        assertThat(created.getId()).isEqualTo(email);
        assertThat(created.getActive()).isTrue();
        assertThat(created.getUserType()).isEqualTo("student");
        assertThat(users(adminToken, school).get(email)).containsEntry("firstName", "Ada").containsEntry("role", "STUDENT");

        var found = scim.searchRequest("Users").filter(Filter.eq("userName", email).toString()).invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getName().getFamilyName()).isEqualTo("Lovelace");
        var byExternalId = scim.searchRequest("Users").filter(Filter.eq("externalId", created.getExternalId()).toString())
            .invoke(UserResource.class);
        assertThat(byExternalId.getResources()).extracting(UserResource::getUserName).containsExactly(email);

        var renamed = scim.modifyRequest("Users", email).replaceValue("name.familyName", "King")
            .replaceValue("userType", "instructor").invoke(UserResource.class);
        assertThat(renamed.getName().getFamilyName()).isEqualTo("King");
        assertThat(users(adminToken, school).get(email)).containsEntry("lastName", "King").containsEntry("role", "INSTRUCTOR");

        var disabled = scim.modifyRequest("Users", email).replaceValue("active", false).invoke(UserResource.class);
        assertThat(disabled.getActive()).isFalse();
        assertThat(users(adminToken, school).get(email)).containsEntry("status", "DEACTIVATED");

        var replacement = person(email, "Augusta", "King", created.getExternalId());
        replacement.setId(email);
        replacement.setActive(true);
        replacement.setMeta(created.getMeta());
        var replaced = scim.replace(replacement);
        assertThat(replaced.getActive()).isTrue();
        assertThat(replaced.getName().getGivenName()).isEqualTo("Augusta");
        // What a PUT leaves out stays: Rollcall cannot clear a role.
        assertThat(replaced.getUserType()).isEqualTo("instructor");

        scim.delete("Users", email);
        assertThat(users(adminToken, school)).doesNotContainKey(email);
        var gone = catchThrowableOfType(ScimException.class, () -> scim.retrieve("Users", email, UserResource.class));
        assertThat(gone.getScimError().getStatus()).isEqualTo(404);
    }

    @Test
    void errorsAreScimErrorsWithTheirScimType() throws Exception {
        var email = "dup." + unique() + "@example.org";
        var externalId = "X-" + unique();
        scim.create("Users", person(email, "Dup", "Licate", externalId));

        var again = catchThrowableOfType(ScimException.class, () -> scim.create("Users", person(email, "Dup", "Licate", "Y")));
        assertThat(again.getScimError().getStatus()).isEqualTo(409);
        assertThat(again.getScimError().getScimType()).isEqualTo("uniqueness");
        var taken = catchThrowableOfType(ScimException.class,
            () -> scim.create("Users", person("other." + unique() + "@example.org", "Other", "One", externalId)));
        assertThat(taken.getScimError().getStatus()).isEqualTo(409);
        assertThat(taken.getScimError().getScimType()).isEqualTo("uniqueness");
        var invalid = catchThrowableOfType(ScimException.class,
            () -> scim.create("Users", person("not-an-email", "No", "Mail", "Z-" + unique())));
        assertThat(invalid.getScimError().getStatus()).isEqualTo(400);
        assertThat(invalid.getScimError().getScimType()).isEqualTo("invalidValue");
        var badFilter = http("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("name.givenName sw \"A\"",
            java.nio.charset.StandardCharsets.UTF_8), key, null);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat((String) badFilter.body().read("$.scimType")).isEqualTo("invalidFilter");
        assertThat((List<String>) badFilter.body().read("$.schemas"))
            .containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
        var renamed = http("PATCH", "/scim/v2/Users/" + email, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"userName","value":"new.%s@example.org"}]}""".formatted(unique()));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat((String) renamed.body().read("$.scimType")).isEqualTo("mutability");
        var huge = http("POST", "/scim/v2/Users", key, "{\"userName\":\"big@example.org\",\"title\":\""
            + "x".repeat(2 * 1024 * 1024) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat((List<String>) huge.body().read("$.schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
        var malformed = http("POST", "/scim/v2/Users", key, "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat((String) malformed.body().read("$.scimType")).isEqualTo("invalidSyntax");
    }

    @Test
    void onlyASchoolsKeyReachesScimAndOnlyItsOwnSchool() throws Exception {
        var other = school(false);
        var otherAdmin = admin(other);
        var theirs = "theirs." + unique() + "@example.org";
        importFile(otherAdmin, csv(HEADER, String.join(",", "Their", "Student", theirs, "0", "T-" + unique(), other)));

        var anonymous = http("GET", "/scim/v2/Users", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat((List<String>) anonymous.body().read("$.schemas")).containsExactly("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(http("GET", "/scim/v2/Users", "rk_not-a-key", null).status()).isEqualTo(401);
        // A person's token, even an operator's, is not a school's key.
        assertThat(http("GET", "/scim/v2/Users", operator, null).status()).isEqualTo(403);
        assertThat(http("GET", "/scim/v2/Users", adminToken, null).status()).isEqualTo(403);

        assertThat(http("GET", "/scim/v2/Users/" + theirs, key, null).status()).isEqualTo(404);
        assertThat(http("DELETE", "/scim/v2/Users/" + theirs, key, null).status()).isEqualTo(404);
        assertThat(http("PATCH", "/scim/v2/Users/" + theirs, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""")
            .status()).isEqualTo(404);
        var list = http("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \"" + theirs + "\"",
            java.nio.charset.StandardCharsets.UTF_8), key, null);
        assertThat((Integer) list.body().read("$.totalResults")).isZero();
        assertThat(users(otherAdmin, other).get(theirs)).containsEntry("status", "ACTIVE");

        // An admin's account is out of reach, as for uploads.
        var adminEmail = adminEmail(school);
        var protectedAdmin = catchThrowableOfType(ScimException.class,
            () -> scim.create("Users", person(adminEmail, "Ad", "Min", "A-" + unique())));
        assertThat(protectedAdmin.getScimError().getStatus()).isEqualTo(403);
    }

    @Test
    void aRefusedChangeLeavesADeactivatedPersonDeactivatedAndOtherSchoolsKeepTheirNames() throws Exception {
        var email = "kept." + unique() + "@example.org";
        var taken = "TAKEN-" + unique();
        scim.create("Users", person("holder." + unique() + "@example.org", "Hold", "Er", taken));
        scim.create("Users", person(email, "Kept", "Off", "K-" + unique()));
        http("PATCH", "/scim/v2/Users/" + email, key, """
                {"Operations":[{"op":"replace","path":"active","value":false}]}""");

        // PUT without active keeps the status; a refused change puts nobody back in.
        var refused = http("PUT", "/scim/v2/Users/" + email, key, """
                {"userName":"%s","name":{"givenName":"Kept","familyName":"Off"},"externalId":"%s","active":true}"""
            .formatted(email, taken));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(users(adminToken, school).get(email)).containsEntry("status", "DEACTIVATED");
        var withoutActive = http("PUT", "/scim/v2/Users/" + email, key, """
                {"userName":"%s","name":{"givenName":"Kept","familyName":"Off"}}""".formatted(email));
        assertThat((Boolean) withoutActive.body().read("$.active")).isFalse();

        // Exact externalId, among many that contain it.
        var exact = http("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("externalId eq \"" + taken + "\"",
            java.nio.charset.StandardCharsets.UTF_8), key, null);
        assertThat((List<String>) exact.body().read("$.Resources[*].externalId")).containsExactly(taken);
        var longFilter = http("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \""
            + "a".repeat(6000) + "\"", java.nio.charset.StandardCharsets.UTF_8), key, null);
        assertThat(longFilter.status()).isEqualTo(200);
        var removeTitle = http("PATCH", "/scim/v2/Users/" + email, key, """
                {"Operations":[{"op":"Remove","path":"title"}]}""");
        assertThat(removeTitle.status()).as(removeTitle.raw()).isEqualTo(200);

        // An account whose home is another school: this school's key changes the membership, never the name.
        var other = school(false);
        var otherAdmin = admin(other);
        var shared = "shared." + unique() + "@example.org";
        importFile(otherAdmin, csv(HEADER, String.join(",", "Home", "Name", shared, "0", "H-" + unique(), other)));
        scim.create("Users", person(shared, "Home", "Name", "S-" + unique()));
        var renamed = http("PATCH", "/scim/v2/Users/" + shared, key, """
                {"Operations":[{"op":"replace","path":"name.givenName","value":"Hijacked"},
                 {"op":"replace","path":"userType","value":"instructor"}]}""");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat((String) renamed.body().read("$.name.givenName")).isEqualTo("Home");
        assertThat((String) renamed.body().read("$.userType")).isEqualTo("instructor");
        assertThat(users(otherAdmin, other).get(shared)).containsEntry("firstName", "Home");
    }

    @Test
    void theRequestsMicrosoftEntraIdSendsProvisionAndDeprovisionAUser() throws Exception {
        var userName = "Test_User_" + unique() + "@example.org";
        var filter = "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \"" + userName + "\"",
            java.nio.charset.StandardCharsets.UTF_8);
        assertThat((Integer) http("GET", filter, key, null).body().read("$.totalResults")).isZero();

        var created = http("POST", "/scim/v2/Users", key, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
                 "userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[]}""".formatted(userName, userName));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().read("$.id");

        var found = http("GET", filter, key, null);
        assertThat((Integer) found.body().read("$.totalResults")).isEqualTo(1);
        assertThat(http("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode(
            "emails[type eq \"work\"].value eq \"" + userName + "\"", java.nio.charset.StandardCharsets.UTF_8), key, null)
            .body().read("$.totalResults", Integer.class)).isEqualTo(1);

        var patched = http("PATCH", "/scim/v2/Users/" + id, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
                  {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"7"},
                  {"op":"Replace","path":"externalId","value":"EXT-%s"}]}""".formatted(unique()));
        assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
        assertThat((String) patched.body().read("$.name.familyName")).isEqualTo("updatedFamilyName");

        var disabled = http("PATCH", "/scim/v2/Users/" + id, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat((Boolean) disabled.body().read("$.active")).isFalse();
        assertThat(users(adminToken, school).get(userName.toLowerCase())).containsEntry("status", "DEACTIVATED");

        assertThat(http("DELETE", "/scim/v2/Users/" + id, key, null).status()).isEqualTo(204);
        assertThat(http("GET", "/scim/v2/Users/" + id, key, null).status()).isEqualTo(404);
    }

    @Test
    void theRequestsOktaSendsCreateReplaceAndDeactivateAUser() throws Exception {
        var userName = "okta." + unique() + "@example.org";
        var created = http("POST", "/scim/v2/Users", key, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Okta","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Okta User","locale":"en-US","externalId":"00u%s","groups":[],
                 "password":"not-kept-1","active":true}""".formatted(userName, userName, unique()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().read("$.id");

        var fetched = http("GET", "/scim/v2/Users/" + id, key, null);
        assertThat((String) fetched.body().read("$.userName")).isEqualTo(userName);
        var replaced = http("PUT", "/scim/v2/Users/" + id, key, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Okta","familyName":"Renamed"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "externalId":"%s","userType":"instructor","active":true}"""
            .formatted(id, userName, userName, fetched.body().read("$.externalId", String.class)));
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat((String) replaced.body().read("$.name.familyName")).isEqualTo("Renamed");
        assertThat((String) replaced.body().read("$.userType")).isEqualTo("instructor");

        var deactivated = http("PATCH", "/scim/v2/Users/" + id, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""");
        assertThat(deactivated.status()).as(deactivated.raw()).isEqualTo(200);
        assertThat((Boolean) deactivated.body().read("$.active")).isFalse();
        var reactivated = http("PATCH", "/scim/v2/Users/" + id, key, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":true}}]}""");
        assertThat((Boolean) reactivated.body().read("$.active")).isTrue();

        // Every change is in the person's history and the audit log under the key's name.
        var audit = json(get("/api/v1/audit?size=1000", operator));
        assertThat((List<String>) audit.read("$.items[?(@.target == '" + userName + "')].actorEmail"))
            .contains("key 'Entra ID'");
        assertThat((List<Map<String, Object>>) json(get("/api/v1/imports?size=1000", adminToken)).read("$.items"))
            .extracting(item -> item.get("fileName")).contains("SCIM " + userName);
    }
}
