package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every kind of caller, with the status each must get, from one table. An
 * endpoint that the application serves but the table lacks fails the build.
 */
abstract class AbstractAuthorizationMatrixTests extends ApiTestSupport {

    enum Caller { ANONYMOUS, STUDENT, INSTRUCTOR, ADMIN_A, ADMIN_B, OPERATOR }

    /** One row: an endpoint and the expected status per caller (in {@link Caller} order). */
    record Row(String method, String pattern, Function<Fixture, AbstractMockHttpServletRequestBuilder<?>> request,
            int... expected) {
    }

    /** What the requests refer to: two schools, their admins, a student, an import of school A. */
    record Fixture(String schoolA, String schoolB, String studentEmail, String importA) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Fixture fixture;
    private final Map<Caller, String> emails = new LinkedHashMap<>();
    private final Map<Caller, String> passwords = new LinkedHashMap<>();

    // Served by libraries, not by Rollcall's controllers.
    private static final List<String> LIBRARY_PATTERNS = List.of("/error", "/v3/api-docs", "/v3/api-docs.yaml",
        "/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/v3/api-docs.yaml/{group}", "/swagger-ui.html");

    static List<Row> table() {
        var rows = new ArrayList<Row>();
        //                                                               anon student instr adminA adminB operator
        rows.add(new Row("POST", "/api/v1/tokens", f -> post("/api/v1/tokens"), 401, 403, 403, 201, 201, 201));
        rows.add(new Row("DELETE", "/api/v1/tokens/current", f -> MockMvcRequestBuilders.delete("/api/v1/tokens/current"),
            401, 401, 401, 204, 204, 204));
        rows.add(new Row("GET", "/api/v1/schools", f -> get("/api/v1/schools"), 401, 401, 401, 200, 200, 200));
        rows.add(new Row("POST", "/api/v1/schools", f -> json(post("/api/v1/schools"),
            "{\"schoolId\":\"M" + unique() + "\",\"name\":\"Matrix\"}"), 401, 401, 401, 403, 403, 201));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}", f -> get("/api/v1/schools/" + f.schoolA()),
            401, 401, 401, 200, 403, 200));
        rows.add(new Row("PATCH", "/api/v1/schools/{schoolId}", f -> json(MockMvcRequestBuilders.patch(
            "/api/v1/schools/" + f.schoolA()), "{\"name\":\"Renamed\"}"), 401, 401, 401, 403, 403, 200));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/admins", f -> json(post("/api/v1/schools/" + f.schoolA()
            + "/admins"), "{\"email\":\"m" + unique() + "@example.com\",\"password\":\"matrix-pass-1\"}"),
            401, 401, 401, 403, 403, 201));
        rows.add(new Row("GET", "/api/v1/schools/{schoolId}/users", f -> get("/api/v1/schools/" + f.schoolA() + "/users"),
            401, 401, 401, 200, 403, 200));
        rows.add(new Row("POST", "/api/v1/schools/{schoolId}/users/{email}/welcome-email", f -> post("/api/v1/schools/"
            + f.schoolA() + "/users/" + f.studentEmail() + "/welcome-email"), 401, 401, 401, 202, 403, 202));
        rows.add(new Row("POST", "/api/v1/imports", f -> MockMvcRequestBuilders.multipart("/api/v1/imports")
            .file(new MockMultipartFile("file", "m.csv", "text/csv", (HEADER + "\n").getBytes())),
            401, 401, 401, 202, 202, 202));
        rows.add(new Row("GET", "/api/v1/imports", f -> get("/api/v1/imports"), 401, 401, 401, 200, 200, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}", f -> get("/api/v1/imports/" + f.importA()),
            401, 401, 401, 200, 404, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}/errors", f -> get("/api/v1/imports/" + f.importA() + "/errors"),
            401, 401, 401, 200, 404, 200));
        rows.add(new Row("GET", "/api/v1/imports/{id}/failed-rows.csv", f -> get("/api/v1/imports/" + f.importA()
            + "/failed-rows.csv"), 401, 401, 401, 200, 404, 200));
        rows.add(new Row("POST", "/api/v1/imports/{id}/purge", f -> post("/api/v1/imports/" + f.importA() + "/purge"),
            401, 401, 401, 403, 403, 204));
        rows.add(new Row("GET", "/api/v1/audit", f -> get("/api/v1/audit"), 401, 401, 401, 403, 403, 200));
        rows.add(new Row("POST", "/api/v1/password/set", f -> json(post("/api/v1/password/set"),
            "{\"token\":\"not-a-link\",\"password\":\"matrix-pass-1\"}"), 400, 400, 400, 400, 400, 400));

        // Admin Portal pages: the browser's chain takes a session from the login form, never a
        // bearer token or Basic, so every caller here is anonymous to it. Pages send them to
        // /login; a post without the form's CSRF token is refused before anything else.
        rows.add(new Row("GET", "/login", f -> get("/login"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/set-password", f -> get("/set-password"), 200, 200, 200, 200, 200, 200));
        rows.add(new Row("GET", "/denied", f -> get("/denied"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("GET", "/", f -> get("/"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/home", f -> get("/home"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/change-password", f -> get("/change-password"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup", f -> get("/setup"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/create-users", f -> get("/setup/create-users"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/imports", f -> get("/setup/imports"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/imports/{id}", f -> get("/setup/imports/" + f.importA()), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/imports/{id}/status", f -> get("/setup/imports/" + f.importA() + "/status"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/imports/{id}/failed-rows.csv", f -> get("/setup/imports/" + f.importA() + "/failed-rows.csv"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/setup/users", f -> get("/setup/users"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/schools", f -> get("/schools"), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("GET", "/schools/{schoolId}", f -> get("/schools/" + f.schoolA()), 302, 302, 302, 302, 302, 302));
        rows.add(new Row("POST", "/change-password", f -> post("/change-password"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/set-password", f -> post("/set-password"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/set-password/new-link", f -> post("/set-password/new-link"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/setup/create-users", f -> post("/setup/create-users"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/setup/users/welcome-email", f -> post("/setup/users/welcome-email"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/schools", f -> post("/schools"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/schools/{schoolId}", f -> post("/schools/" + f.schoolA()), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/schools/{schoolId}/admins", f -> post("/schools/" + f.schoolA() + "/admins"), 403, 403, 403, 403, 403, 403));
        rows.add(new Row("POST", "/schools/{schoolId}/admins/revoke", f -> post("/schools/" + f.schoolA() + "/admins/revoke"), 403, 403, 403, 403, 403, 403));
        return rows;
    }

    private static AbstractMockHttpServletRequestBuilder<?> get(String path) {
        return MockMvcRequestBuilders.get(path);
    }

    private static AbstractMockHttpServletRequestBuilder<?> post(String path) {
        return MockMvcRequestBuilders.post(path);
    }

    private static AbstractMockHttpServletRequestBuilder<?> json(AbstractMockHttpServletRequestBuilder<?> request,
            String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @BeforeEach
    void setUpCallers() throws Exception {
        var schoolA = school(false);
        var schoolB = school(false);
        emails.put(Caller.ADMIN_A, adminEmail(schoolA));
        emails.put(Caller.ADMIN_B, adminEmail(schoolB));
        emails.put(Caller.OPERATOR, OPERATOR_EMAIL);
        passwords.put(Caller.ADMIN_A, ADMIN_PASSWORD);
        passwords.put(Caller.ADMIN_B, ADMIN_PASSWORD);
        passwords.put(Caller.OPERATOR, OPERATOR_PASSWORD);
        var u = unique();
        var student = "student." + u + "@example.com";
        var instructor = "instructor." + u + "@example.com";
        var adminA = token(emails.get(Caller.ADMIN_A), ADMIN_PASSWORD);
        var report = importFile(adminA, csv(HEADER, String.join(",", "Stu", "Dent", student, "0", "S1", schoolA),
            String.join(",", "In", "Structor", instructor, "1", "T1", schoolA),
            String.join(",", "Bad", "Row", "bad-email", "0", "B1", schoolA)), "customPassword", "member-pass-1");
        emails.put(Caller.STUDENT, student);
        emails.put(Caller.INSTRUCTOR, instructor);
        passwords.put(Caller.STUDENT, "member-pass-1");
        passwords.put(Caller.INSTRUCTOR, "member-pass-1");
        fixture = new Fixture(schoolA, schoolB, student, report.read("$.id"));
    }

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays() throws Exception {
        var failures = new ArrayList<String>();
        for (var row : table()) {
            for (var caller : Caller.values()) {
                var request = row.request().apply(fixture);
                authenticate(request, caller, row.pattern().equals("/api/v1/tokens"));
                int status = mvc.perform(request).andReturn().getResponse().getStatus();
                int expected = row.expected()[caller.ordinal()];
                if (status != expected) {
                    failures.add(row.method() + " " + row.pattern() + " as " + caller + ": " + status + ", expected " + expected);
                }
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
        if (tokenEndpoint || caller == Caller.STUDENT || caller == Caller.INSTRUCTOR) {
            request.header("Authorization", basic(emails.get(caller), passwords.get(caller)));
        } else {
            request.header("Authorization", "Bearer " + token(emails.get(caller), passwords.get(caller)));
        }
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
