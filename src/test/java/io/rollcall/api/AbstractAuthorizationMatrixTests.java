package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.rollcall.account.AccountRepository;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every kind of caller, with the status each must get, from one table. An
 * endpoint that the application serves but the table lacks fails the build.
 */
abstract class AbstractAuthorizationMatrixTests extends ApiTestSupport {

    /** KEY_A is school A's API key: on the API, school A's admin by default; on the portal, nobody. */
    enum Caller { ANONYMOUS, STUDENT, INSTRUCTOR, ADMIN_A, ADMIN_B, OPERATOR, KEY_A }

    /** In the table: a 302 to the sign-in page, told apart from a page's own redirect (302). */
    static final int LOGIN = -302;

    // Every caller's; students and instructors replace their temporary password with it first.
    private static final String PASSWORD = ADMIN_PASSWORD;
    private static final String TEMPORARY_PASSWORD = "member-pass-1";

    /**
     * One row: an endpoint and the expected status per caller (in {@link Caller} order). Without a
     * seventh status, KEY_A expects what ADMIN_A does on the API and what ANONYMOUS does on the portal
     * (a key opens no page: it comes with a fresh browser's session and its Authorization header).
     */
    record Row(String method, String pattern, Function<Fixture, AbstractMockHttpServletRequestBuilder<?>> request,
            int... expected) {

        boolean portal() {
            return !pattern.startsWith("/api/") && !pattern.startsWith("/scim/") && !pattern.startsWith("/actuator");
        }

        int expectedFor(Caller caller) {
            if (caller.ordinal() < expected.length) {
                return expected[caller.ordinal()];
            }
            return expected[(portal() ? Caller.ANONYMOUS : Caller.ADMIN_A).ordinal()];
        }
    }

    /**
     * What the requests refer to: two schools, a student and a second admin of school A, two imports
     * of school A (one to purge, so that the other's rows stay downloadable), and fresh set-password
     * links for a second student of school A.
     */
    record Fixture(String schoolA, String schoolB, String studentEmail, String spareAdminA, String importA,
            String importToPurge, Supplier<String> newLink, String spareStudent, String keyA,
            Supplier<String> spareKeyA) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    AccountRepository accounts;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    private Fixture fixture;
    private final Map<Caller, String> emails = new LinkedHashMap<>();
    private final Map<Caller, PortalSession> sessions = new LinkedHashMap<>();

    // Served by libraries, not by Rollcall's controllers.
    private static final List<String> LIBRARY_PATTERNS = List.of("/error", "/v3/api-docs", "/v3/api-docs.yaml",
        "/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}", "/swagger-ui.html");

    static List<Row> table() {
        var rows = new ArrayList<Row>();
        //                                                               anon student instr adminA adminB operator keyA
        rows.add(new Row("POST", "/api/v1/tokens", f -> post("/api/v1/tokens"), 401, 403, 403, 201, 201, 201, 401));
        rows.add(new Row("DELETE", "/api/v1/tokens/current", f -> MockMvcRequestBuilders.delete("/api/v1/tokens/current"),
            401, 401, 401, 204, 204, 204, 403));
        // A key never manages keys: a leaked one cannot outlive its revocation by making another.
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/api-keys", f -> json(post("/api/v1/schools/" + f.schoolA()
            + "/api-keys"), "{\"name\":\"Matrix\"}"), 401, 401, 401, 201, 403, 201, 403));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}/api-keys", f -> get("/api/v1/schools/" + f.schoolA()
            + "/api-keys"), 401, 401, 401, 200, 403, 200, 403));
        rows.add(new Row("DELETE", "/api/v1/schools/{schoolId}/api-keys/{id}", f -> MockMvcRequestBuilders.delete(
            "/api/v1/schools/" + f.schoolA() + "/api-keys/" + f.spareKeyA().get()), 401, 401, 401, 204, 403, 204, 403));
        rows.add(new Row("GET", "/api/v1/schools", f -> get("/api/v1/schools"), 401, 401, 401, 200, 200, 200));
        rows.add(new Row("POST", "/api/v1/schools", f -> json(post("/api/v1/schools"),
            "{\"schoolId\":\"M" + unique() + "\",\"name\":\"Matrix\"}"), 401, 401, 401, 403, 403, 201));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}", f -> get("/api/v1/schools/" + f.schoolA()),
            401, 401, 401, 200, 403, 200));
        rows.add(new Row("PATCH", "/api/v1/schools/{schoolId}", f -> json(MockMvcRequestBuilders.patch(
            "/api/v1/schools/" + f.schoolA()), "{\"name\":\"Renamed\"}"), 401, 401, 401, 403, 403, 200));
        // The language of the school's welcome emails: operators only, not even the school's own admin.
        rows.add(new Row("PATCH", "/api/v1/schools/{schoolId}", f -> json(MockMvcRequestBuilders.patch(
            "/api/v1/schools/" + f.schoolA()), "{\"locale\":\"es\"}"), 401, 401, 401, 403, 403, 200));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/admins", f -> json(post("/api/v1/schools/" + f.schoolA()
            + "/admins"), "{\"email\":\"m" + unique() + "@example.com\",\"password\":\"matrix-pass-1\"}"),
            401, 401, 401, 403, 403, 201));
        rows.add(new Row("DELETE", "/api/v1/schools/{schoolId}/admins/{email}", f -> MockMvcRequestBuilders.delete(
            "/api/v1/schools/" + f.schoolA() + "/admins/" + f.spareAdminA()), 401, 401, 401, 403, 403, 204));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}/users", f -> get("/api/v1/schools/" + f.schoolA() + "/users"),
            401, 401, 401, 200, 403, 200));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/users/{email}/welcome-email", f -> post("/api/v1/schools/"
            + f.schoolA() + "/users/" + f.studentEmail() + "/welcome-email"), 401, 401, 401, 202, 403, 202));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/users/{email}/deactivate", f -> post("/api/v1/schools/"
            + f.schoolA() + "/users/" + f.spareStudent() + "/deactivate"), 401, 401, 401, 200, 403, 200));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/users/{email}/reactivate", f -> post("/api/v1/schools/"
            + f.schoolA() + "/users/" + f.spareStudent() + "/reactivate"), 401, 401, 401, 200, 403, 200));
        rows.add(new Row("DELETE", "/api/v1/schools/{schoolId}/users/{email}", f -> MockMvcRequestBuilders.delete(
            "/api/v1/schools/" + f.schoolA() + "/users/nobody." + unique() + "@example.com"), 401, 401, 401, 404, 403, 404));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}/users/{email}/export", f -> get("/api/v1/schools/"
            + f.schoolA() + "/users/" + f.spareStudent() + "/export"), 401, 401, 401, 200, 403, 200));
        rows.add(new Row("DELETE", "/api/v1/users/{email}", f -> MockMvcRequestBuilders.delete(
            "/api/v1/users/nobody." + unique() + "@example.com"), 401, 401, 401, 403, 403, 404));
        rows.add(new Row("POST", "/api/v1/imports", f -> MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new MockMultipartFile("file", "m.csv", "text/csv", (HEADER + "\n").getBytes())),
            401, 401, 401, 202, 202, 202));
        rows.add(new Row("GET", "/api/v1/imports", f -> get("/api/v1/imports"), 401, 401, 401, 200, 200, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}", f -> get("/api/v1/imports/" + f.importA()),
            401, 401, 401, 200, 404, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}/errors", f -> get("/api/v1/imports/" + f.importA() + "/errors"),
            401, 401, 401, 200, 404, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}/deactivations", f -> get("/api/v1/imports/" + f.importA()
            + "/deactivations"), 401, 401, 401, 200, 404, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}/failed-rows.csv", f -> get("/api/v1/imports/" + f.importA()
            + "/failed-rows.csv"), 401, 401, 401, 200, 404, 200));
        rows.add(new Row("POST", "/api/v1/imports/{id}/purge", f -> post("/api/v1/imports/" + f.importToPurge()
            + "/purge"), 401, 401, 401, 403, 403, 204));
        rows.add(new Row("GET", "/api/v1/audit", f -> get("/api/v1/audit"), 401, 401, 401, 403, 403, 200));
        rows.add(new Row("POST", "/api/v1/password/set", f -> json(post("/api/v1/password/set"),
            "{\"token\":\"not-a-link\",\"password\":\"matrix-pass-1\"}"), 400, 400, 400, 400, 400, 400));

        // SCIM: a school's API key only; a person's token (an operator's too) is 403, Basic is 401.
        //                                                               anon student instr adminA adminB operator keyA
        for (var discovery : List.of("/scim/v2/ServiceProviderConfig", "/scim/v2/ResourceTypes", "/scim/v2/ResourceTypes/User",
                "/scim/v2/Schemas")) {
            rows.add(new Row("GET", discovery, f -> get(discovery), 401, 401, 401, 403, 403, 403, 200));
        }
        rows.add(new Row("GET", "/scim/v2/Schemas/{id}", f -> get("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"),
            401, 401, 401, 403, 403, 403, 200));
        rows.add(new Row("GET", "/scim/v2/Users", f -> get("/scim/v2/Users"), 401, 401, 401, 403, 403, 403, 200));
        rows.add(new Row("GET", "/scim/v2/Users/{id}", f -> get("/scim/v2/Users/" + f.studentEmail()),
            401, 401, 401, 403, 403, 403, 200));
        rows.add(new Row("POST", "/scim/v2/Users", f -> scim(post("/scim/v2/Users"), """
                {"userName":"scim.%s@example.com","name":{"givenName":"Sc","familyName":"Im"},"externalId":"SC-%s"}"""
            .formatted(unique(), unique())), 401, 401, 401, 403, 403, 403, 201));
        rows.add(new Row("PUT", "/scim/v2/Users/{id}", f -> scim(MockMvcRequestBuilders.put("/scim/v2/Users/"
            + f.spareStudent()), """
                {"userName":"%s","name":{"givenName":"Spa","familyName":"Re"},"externalId":"S2","active":true}"""
            .formatted(f.spareStudent())), 401, 401, 401, 403, 403, 403, 200));
        rows.add(new Row("PATCH", "/scim/v2/Users/{id}", f -> scim(MockMvcRequestBuilders.patch("/scim/v2/Users/"
            + f.spareStudent()), "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":true}]}"),
            401, 401, 401, 403, 403, 403, 200));
        rows.add(new Row("DELETE", "/scim/v2/Users/{id}", f -> MockMvcRequestBuilders.delete("/scim/v2/Users/nobody."
            + unique() + "@example.com"), 401, 401, 401, 403, 403, 403, 404));

        // The actuator: the probes are public; the metrics and the rest are for operators (an operator's token).
        // Students and instructors send Basic, which only POST /api/v1/tokens takes: 401.
        //                                                               anon student instr adminA adminB operator keyA
        for (var probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            rows.add(new Row("GET", probe, f -> get(probe), 200, 200, 200, 200, 200, 200, 200));
        }
        rows.add(new Row("GET", "/actuator/prometheus", f -> get("/actuator/prometheus"), 401, 401, 401, 403, 403, 200, 403));
        rows.add(new Row("GET", "/actuator", f -> get("/actuator"), 401, 401, 401, 403, 403, 200, 403));

        // Admin Portal: every caller has the session of a real sign-in through the login form;
        // ANONYMOUS has only what opening /login gives a browser, a session holding a CSRF token.
        // Posts carry the session's CSRF token, so the role check is what answers (posts without it:
        // everyPortalPostWithoutItsSessionsCsrfTokenIsRefused). /setup/** needs ROLE_ADMIN (school
        // admins and operators), /schools/** ROLE_OPERATOR. A refused role is 403: Spring Security
        // forwards to /denied, which says "Not allowed". Another school's import or users are 404,
        // worded as for one that does not exist. A plain 302 is the page's own redirect: after a
        // successful post, from /login to / when signed in, from / to /home (students, instructors)
        // or /setup/create-users (admins), from /setup to /setup/create-users.
        //                                                               anon student instr adminA adminB operator
        rows.add(new Row("GET", "/login", f -> get("/login"), 200, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/set-password", f -> get("/set-password"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("ANY", "/denied", f -> get("/denied"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("GET", "/", f -> get("/"), LOGIN, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/home", f -> get("/home"), LOGIN, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/change-password", f -> get("/change-password"),
            LOGIN, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/setup", f -> get("/setup"), LOGIN, 403, 403, 302, 302, 302));
        rows.add(new Row("GET", "/setup/create-users", f -> get("/setup/create-users"),
            LOGIN, 403, 403, 200, 200, 200));
        rows.add(new Row("GET", "/setup/imports", f -> get("/setup/imports"), LOGIN, 403, 403, 200, 200, 200));
        rows.add(new Row("GET", "/setup/imports/{id}", f -> get("/setup/imports/" + f.importA()),
            LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/imports/{id}/status", f -> get("/setup/imports/" + f.importA() + "/status"),
            LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/imports/{id}/failed-rows.csv", f -> get("/setup/imports/" + f.importA()
            + "/failed-rows.csv"), LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/imports/{id}/deactivations.csv", f -> get("/setup/imports/" + f.importA()
            + "/deactivations.csv"), LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/users/history", f -> get("/setup/users/history?school=" + f.schoolA()
            + "&email=" + f.studentEmail()), LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/users/export", f -> get("/setup/users/export?school=" + f.schoolA()
            + "&email=" + f.spareStudent()), LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/users", f -> get("/setup/users?school=" + f.schoolA()),
            LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/setup/api-keys", f -> get("/setup/api-keys?school=" + f.schoolA()),
            LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("GET", "/schools", f -> get("/schools"), LOGIN, 403, 403, 403, 403, 200));
        rows.add(new Row("GET", "/schools/{schoolId}", f -> get("/schools/" + f.schoolA()),
            LOGIN, 403, 403, 403, 403, 200));
        // A link is the credential here, whoever holds it. It is another student's: setting a password
        // ends that account's sessions, and the table goes on with the student's.
        rows.add(new Row("POST", "/set-password", f -> post("/set-password").param("token", f.newLink().get())
            .param("password", PASSWORD).param("confirmPassword", PASSWORD), 302, 302, 302, 302, 302, 302));
        // The footer's language choice: anyone, back to the page it was made on.
        rows.add(new Row("POST", "/language", f -> post("/language").param("lang", "es")
            .param("return", "/setup/imports"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("POST", "/set-password/new-link", f -> post("/set-password/new-link")
            .param("token", "not-a-link"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("POST", "/setup/create-users", f -> MockMvcRequestBuilders.multipart(
            "/setup/create-users").file(new MockMultipartFile("file", "m.csv", "text/csv", (HEADER + "\n").getBytes())),
            LOGIN, 403, 403, 302, 302, 302));
        rows.add(new Row("POST", "/setup/users/welcome-email", f -> post("/setup/users/welcome-email")
            .param("school", f.schoolA()).param("email", f.studentEmail()), LOGIN, 403, 403, 302, 404, 302));
        rows.add(new Row("POST", "/setup/users/deactivate", f -> post("/setup/users/deactivate")
            .param("school", f.schoolA()).param("email", f.spareStudent()), LOGIN, 403, 403, 302, 404, 302));
        rows.add(new Row("POST", "/setup/users/reactivate", f -> post("/setup/users/reactivate")
            .param("school", f.schoolA()).param("email", f.spareStudent()), LOGIN, 403, 403, 302, 404, 302));
        rows.add(new Row("POST", "/setup/users/remove", f -> post("/setup/users/remove").param("school", f.schoolA())
            .param("email", "nobody." + unique() + "@example.com"), LOGIN, 403, 403, 404, 404, 404));
        rows.add(new Row("POST", "/setup/api-keys", f -> post("/setup/api-keys").param("school", f.schoolA())
            .param("name", "Portal " + unique()), LOGIN, 403, 403, 200, 404, 200));
        rows.add(new Row("POST", "/setup/api-keys/revoke", f -> post("/setup/api-keys/revoke").param("school", f.schoolA())
            .param("id", f.spareKeyA().get()), LOGIN, 403, 403, 302, 404, 302));
        rows.add(new Row("POST", "/schools", f -> post("/schools").param("schoolId", "M" + unique())
            .param("name", "Matrix"), LOGIN, 403, 403, 403, 403, 302));
        rows.add(new Row("POST", "/schools/{schoolId}", f -> post("/schools/" + f.schoolA()).param("name", "Renamed"),
            LOGIN, 403, 403, 403, 403, 302));
        rows.add(new Row("POST", "/schools/{schoolId}/admins", f -> post("/schools/" + f.schoolA() + "/admins")
            .param("email", "m" + unique() + "@example.com").param("password", PASSWORD),
            LOGIN, 403, 403, 403, 403, 302));
        rows.add(new Row("POST", "/schools/{schoolId}/admins/revoke", f -> post("/schools/" + f.schoolA()
            + "/admins/revoke").param("email", f.spareAdminA()), LOGIN, 403, 403, 403, 403, 302));
        // Last: it changes the password that the rows above sign in with.
        rows.add(new Row("POST", "/change-password", f -> post("/change-password").param("currentPassword", PASSWORD)
            .param("newPassword", "changed-" + PASSWORD).param("confirmPassword", "changed-" + PASSWORD),
            LOGIN, 302, 302, 302, 302, 302));
        return rows;
    }

    private static AbstractMockHttpServletRequestBuilder<?> get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static AbstractMockHttpServletRequestBuilder<?> post(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    private static AbstractMockHttpServletRequestBuilder<?> scim(AbstractMockHttpServletRequestBuilder<?> request,
            String body) {
        return request.contentType("application/scim+json").content(body);
    }

    private static AbstractMockHttpServletRequestBuilder<?> json(AbstractMockHttpServletRequestBuilder<?> request,
            String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @BeforeEach
    void setUpCallers() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        var u = unique();
        emails.put(Caller.STUDENT, "student." + u + "@example.com");
        emails.put(Caller.INSTRUCTOR, "instructor." + u + "@example.com");
        emails.put(Caller.ADMIN_A, adminEmail(schoolA));
        emails.put(Caller.ADMIN_B, adminEmail(schoolB));
        emails.put(Caller.OPERATOR, newOperator());
        var adminA = token(emails.get(Caller.ADMIN_A), PASSWORD);
        var report = importFile(adminA, csv(HEADER,
            String.join(",", "Stu", "Dent", emails.get(Caller.STUDENT), "0", "S1", schoolA),
            String.join(",", "In", "Structor", emails.get(Caller.INSTRUCTOR), "1", "T1", schoolA),
            String.join(",", "Bad", "Row", "bad-email", "0", "B1", schoolA),
            String.join(",", "Spa", "Re", "spare." + u + "@example.com", "0", "S2", schoolA)),
            "customPassword", TEMPORARY_PASSWORD);
        var toPurge = importFile(adminA, csv(HEADER));
        var student = emails.get(Caller.STUDENT);
        fixture = new Fixture(schoolA, schoolB, student, adminEmail(schoolA), report.read("$.id"),
            toPurge.read("$.id"), () -> newLink("spare." + u + "@example.com"), "spare." + u + "@example.com",
            newKey(adminA, schoolA, "key"), () -> newKey(adminA, schoolA, "id"));
        sessions.put(Caller.ANONYMOUS, openLoginPage());
        for (var caller : List.of(Caller.STUDENT, Caller.INSTRUCTOR)) {
            // Until then they reach nothing but /change-password, and the table would test that instead.
            var session = signIn(emails.get(caller), TEMPORARY_PASSWORD);
            var changed = mvc.perform(session.submit(post("/change-password")).param("currentPassword",
                TEMPORARY_PASSWORD).param("newPassword", PASSWORD).param("confirmPassword", PASSWORD))
                .andReturn().getResponse();
            assertThat(changed.getRedirectedUrl()).as("password change of " + caller).isEqualTo("/?passwordChanged");
            sessions.put(caller, session);
        }
        for (var caller : List.of(Caller.ADMIN_A, Caller.ADMIN_B, Caller.OPERATOR)) {
            sessions.put(caller, signIn(emails.get(caller), PASSWORD));
        }
    }

    private String newKey(String token, String schoolId, String part) {
        try {
            var made = postJson("/api/v1/schools/" + schoolId + "/api-keys", token, "{\"name\":\"Matrix " + unique() + "\"}");
            assertThat(made.getResponse().getStatus()).isEqualTo(201);
            return json(made).read("$." + part);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // Not the bootstrap operator that other tests sign in as: the table changes every caller's password.
    private String newOperator() {
        var email = "operator-" + unique() + "@rollcall.example.com";
        var account = accounts.insert(email, "Matrix", "Operator", passwordEncoder.encode(PASSWORD), false);
        accounts.makeOperator(account.id());
        return email;
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays() throws Exception {
        var failures = new ArrayList<String>();
        for (var row : table()) {
            for (var caller : Caller.values()) {
                var request = row.request().apply(fixture);
                var session = sessions.get(caller == Caller.KEY_A ? Caller.ANONYMOUS : caller);
                if (row.portal() && row.method().equals("POST")) {
                    session.submit(request);
                } else if (row.portal()) {
                    request.session(session.session());
                }
                if (!row.portal() || caller == Caller.KEY_A) {
                    authenticate(request, caller, row.pattern().equals("/api/v1/tokens"));
                }
                check(failures, row.method() + " " + row.pattern() + " as " + caller, request, row.expectedFor(caller));
            }
        }
        assertThat(failures).isEmpty();
    }

    // Students and instructors have no API token: their password over Basic is all they can send.
    private void authenticate(AbstractMockHttpServletRequestBuilder<?> request, Caller caller, boolean tokenEndpoint)
            throws Exception {
        if (caller == Caller.ANONYMOUS) {
            return;
        }
        if (caller == Caller.KEY_A) {
            request.header("Authorization", "Bearer " + fixture.keyA());
        } else if (tokenEndpoint || caller == Caller.STUDENT || caller == Caller.INSTRUCTOR) {
            request.header("Authorization", basic(emails.get(caller), PASSWORD));
        } else {
            request.header("Authorization", "Bearer " + token(emails.get(caller), PASSWORD));
        }
    }

    private void check(List<String> failures, String what, AbstractMockHttpServletRequestBuilder<?> request,
            int expected) throws Exception {
        MockHttpServletResponse response;
        try {
            response = mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            failures.add(what + ": " + e);
            return;
        }
        var toLogin = response.getStatus() == 302 && response.getRedirectedUrl().endsWith("/login");
        int status = toLogin ? LOGIN : response.getStatus();
        if (status != expected) {
            failures.add(what + ": " + describe(status) + ", expected " + describe(expected));
        }
    }

    private static String describe(int status) {
        return status == LOGIN ? "302 to /login" : String.valueOf(status);
    }

    // The token is the session's: a post without one, or with another session's, is refused before anything else.
    @Test
    void everyPortalPostWithoutItsSessionsCsrfTokenIsRefused() throws Exception {
        var failures = new ArrayList<String>();
        for (var row : table()) {
            if (!row.portal() || !row.method().equals("POST")) {
                continue;
            }
            var callers = List.copyOf(sessions.keySet()); // a key has no session of its own
            for (var caller : callers) {
                var session = sessions.get(caller).session();
                var other = sessions.get(callers.get((callers.indexOf(caller) + 1) % callers.size()));
                var what = "POST " + row.pattern() + " as " + caller;
                check(failures, what + " without a CSRF token", row.request().apply(fixture).session(session), 403);
                check(failures, what + " with another session's CSRF token",
                    row.request().apply(fixture).session(session).param("_csrf", other.csrf()), 403);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anotherSchoolsImportOrUsersReadLikeOnesThatDoNotExist() throws Exception {
        var adminB = sessions.get(Caller.ADMIN_B).session();
        for (var suffix : List.of("", "/status", "/failed-rows.csv")) {
            var foreign = page(adminB, "/setup/imports/" + fixture.importA() + suffix);
            var missing = page(adminB, "/setup/imports/" + UUID.randomUUID() + suffix);
            assertThat(foreign).isEqualTo(missing).startsWith("404 ");
        }
        assertThat(page(adminB, "/setup/users?school=" + fixture.schoolA()))
            .isEqualTo(page(adminB, "/setup/users?school=M" + unique())).startsWith("404 ");
    }

    // Status and body, less the CSRF token, which differs on every page.
    private String page(MockHttpSession session, String path) throws Exception {
        var response = mvc.perform(get(path).session(session)).andReturn().getResponse();
        return response.getStatus() + " " + CSRF_FIELD.matcher(response.getContentAsString()).replaceAll("");
    }

    // School B lists school A's student once its upload names them: the membership is B's, the account A's.
    @Test
    void anotherSchoolsMembershipGivesNoControlOfTheAccount() throws Exception {
        var adminB = token(emails.get(Caller.ADMIN_B), PASSWORD);
        var student = fixture.studentEmail();
        importFile(adminB, csv(HEADER, String.join(",", "Taken", "Over", student, "0", "X1", fixture.schoolB())),
            "customPassword", "chosen-by-b-1");

        assertThat(users(adminB, fixture.schoolB()).get(student)).containsEntry("home", false)
            .containsEntry("firstName", "Stu").containsEntry("hasPassword", null);
        var api = call(post("/api/v1/schools/" + fixture.schoolB() + "/users/" + student + "/welcome-email"), adminB);
        assertThat(api.getResponse().getStatus()).isEqualTo(403);
        var portal = mvc.perform(sessions.get(Caller.ADMIN_B).submit(post("/setup/users/welcome-email"))
            .param("school", fixture.schoolB()).param("email", student)).andReturn().getResponse();
        assertThat(portal.getStatus()).isEqualTo(403);
        assertThat(tokenRequestFromElsewhere(student, "chosen-by-b-1").getResponse().getStatus()).isEqualTo(401);
        assertThat(tokenRequestFromElsewhere(student, PASSWORD).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aRevokedAdminLosesThePortalAtTheNextRequest() throws Exception {
        var operator = sessions.get(Caller.OPERATOR);
        var adminA = sessions.get(Caller.ADMIN_A).session();
        assertThat(page(adminA, "/setup/users?school=" + fixture.schoolA())).startsWith("200 ");

        mvc.perform(operator.submit(post("/schools/" + fixture.schoolA() + "/admins/revoke"))
            .param("email", emails.get(Caller.ADMIN_A)));

        // As the API, which refuses them a token now: the session's sign-in does not keep the permission.
        assertThat(tokenRequest(emails.get(Caller.ADMIN_A), PASSWORD).getResponse().getStatus()).isEqualTo(403);
        assertThat(page(adminA, "/setup/users?school=" + fixture.schoolA())).startsWith("403 ");
        assertThat(page(adminA, "/setup/create-users")).startsWith("403 ");
        assertThat(page(adminA, "/home")).startsWith("200 ");
    }

    @Test
    void everyServedEndpointHasARowInTheTable() {
        var inTable = new TreeSet<String>();
        table().forEach(row -> inTable.add(row.method() + " " + row.pattern()));
        var served = new TreeSet<String>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (var pattern : info.getPatternValues()) {
                if (LIBRARY_PATTERNS.contains(pattern)) {
                    continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    served.add("ANY " + pattern);
                }
                methods.forEach(m -> served.add(m.name() + " " + pattern));
            }
        });
        assertThat(inTable).containsAll(served);
    }
}
