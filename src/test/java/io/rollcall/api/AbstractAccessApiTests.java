package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rollcall.ApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** Who may do what through the API, and how bad requests are answered. H2 and PostgreSQL. */
abstract class AbstractAccessApiTests extends ApiTestSupport {

    private static void assertProblem(MvcResult result, int status, String code) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        var problem = json(result);
        assertThat((String) problem.read("$.code")).isEqualTo(code);
        assertThat((Integer) problem.read("$.status")).isEqualTo(status);
        assertThat((String) problem.read("$.title")).isNotBlank();
        assertThat((String) problem.read("$.detail")).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat((String) problem.read("$.type")).startsWith("/problems/");
    }

    @Test
    void requestsWithoutAValidTokenAre401() throws Exception {
        assertProblem(get("/api/v1/imports", null), 401, "UNAUTHENTICATED");
        assertProblem(get("/api/v1/imports", "not-a-real-token"), 401, "UNAUTHENTICATED");
        var basic = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/schools")
            .header("Authorization", basic(OPERATOR_EMAIL, OPERATOR_PASSWORD))).andReturn();
        assertProblem(basic, 401, "UNAUTHENTICATED");
    }

    @Test
    void tokensNeedTheRightPasswordAndAnAdminAccount() throws Exception {
        assertProblem(tokenRequest(OPERATOR_EMAIL, "wrong-password"), 401, "UNAUTHENTICATED");
        var unknown = tokenRequest("nobody-" + unique() + "@example.com", "whatever-1");
        assertProblem(unknown, 401, "UNAUTHENTICATED");
        assertThat((String) json(unknown).read("$.detail"))
            .isEqualTo(json(tokenRequest(OPERATOR_EMAIL, "wrong-password")).read("$.detail"));
        assertProblem(mvc.perform(post("/api/v1/tokens")).andReturn(), 401, "UNAUTHENTICATED");

        var school = school(false);
        var admin = admin(school);
        var student = "student." + unique() + "@example.com";
        importFile(admin, csv(HEADER, String.join(",", "Stu", "Dent", student, "0", "1", school)),
            "customPassword", "student-pass-1");
        // First the temporary password must be replaced; a student then still gets no token.
        assertProblem(tokenRequest(student, "student-pass-1"), 403, "PASSWORD_CHANGE_REQUIRED");
        postJson("/api/v1/password/set", null, "{\"token\":\"%s\",\"password\":\"student-pass-2\"}"
            .formatted(newLink(student)));
        assertProblem(tokenRequest(student, "student-pass-2"), 403, "FORBIDDEN");
        var issued = json(tokenRequest(OPERATOR_EMAIL, OPERATOR_PASSWORD));
        assertThat((String) issued.read("$.expiresAt")).isNotBlank();
    }

    @Test
    void tenFailedSignInsLockTheAccountEvenForTheRightPassword() throws Exception {
        var school = school(false);
        var email = adminEmail(school);
        for (int i = 0; i < 10; i++) {
            assertProblem(tokenRequest(email, "wrong-" + i), 401, "UNAUTHENTICATED");
        }
        var locked = tokenRequest(email, ADMIN_PASSWORD);
        assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
        // Refused for 15 minutes from the tenth failure, and the answer says how long.
        assertThat(Integer.parseInt(locked.getResponse().getHeader("Retry-After"))).isBetween(880, 901);
        assertThat(tokenRequest(OPERATOR_EMAIL, OPERATOR_PASSWORD).getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void aSchoolIdOutsideTheRuleIsRefusedAndNothingIsStored() throws Exception {
        var u = unique();
        for (var id : List.of("a|" + u, "x^" + u, "50%" + u, "tab\\t" + u, "new\\n" + u, "spa ce" + u, "é" + u,
                "a".repeat(65), "", "../" + u)) {
            var body = "{\"schoolId\":\"" + id + "\",\"name\":\"Bad\"}";
            assertProblem(postJson("/api/v1/schools", operator, body), 400, "INVALID_SCHOOL_ID");
        }
        assertProblem(postJson("/api/v1/schools", operator, "{\"name\": \"No id\"}"), 400, "INVALID_SCHOOL_ID");
        assertThat((List<String>) json(get("/api/v1/schools", operator)).read("$.items[*].schoolId"))
            .noneMatch(id -> id.contains(u));

        var good = postJson("/api/v1/schools", operator, "{\"schoolId\":\"A.b_c-" + u + "\",\"name\":\"Good\"}");
        assertThat(good.getResponse().getStatus()).isEqualTo(201);
        assertThat(good.getResponse().getHeader("Location")).isEqualTo("/api/v1/schools/A.b_c-" + u);
        assertThat(get("/api/v1/schools/A.b_c-" + u, operator).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void schoolAdminsSeeOnlyTheirSchoolsAndCannotActAsOperators() throws Exception {
        var mine = school(false);
        var theirs = school(false);
        var admin = admin(mine);
        var schools = json(get("/api/v1/schools", admin));
        assertThat((List<String>) schools.read("$.items[*].schoolId")).containsExactly(mine);
        assertThat((Integer) schools.read("$.total")).isEqualTo(1);
        assertProblem(get("/api/v1/schools/" + theirs + "/users", admin), 403, "FORBIDDEN");
        assertProblem(postJson("/api/v1/schools", admin, """
                {"schoolId":"X%s","name":"Mine now"}""".formatted(unique())), 403, "FORBIDDEN");
        assertProblem(patchJson("/api/v1/schools/" + mine, admin, """
                {"customPasswordOverridesExisting":true}"""), 403, "FORBIDDEN");
        assertProblem(postJson("/api/v1/schools/" + mine + "/admins", admin, """
                {"email":"new@example.com","firstName":"N","lastName":"A","password":"password-12"}"""), 403, "FORBIDDEN");
        assertThat((List<String>) json(get("/api/v1/schools", operator)).read("$.items[*].schoolId"))
            .contains(mine, theirs);
    }

    @Test
    void operatorsSetTheCustomPasswordPolicy() throws Exception {
        var school = school(false);
        var result = patchJson("/api/v1/schools/" + school, operator, """
                {"customPasswordOverridesExisting":true}""");
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat((Boolean) json(result).read("$.customPasswordOverridesExisting")).isTrue();
        assertThat((String) json(result).read("$.name")).isEqualTo("School " + school);
        assertProblem(patchJson("/api/v1/schools/NOPE" + unique(), operator, "{}"), 404, "NOT_FOUND");
    }

    @Test
    void aSecondGrantReusesTheExistingAccount() throws Exception {
        var first = school(false);
        var second = school(false);
        var email = adminEmail(first);
        var result = postJson("/api/v1/schools/" + second + "/admins", operator, """
                {"email":"%s"}""".formatted(email.toUpperCase()));
        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        assertThat((Boolean) json(result).read("$.accountCreated")).isFalse();
        var admin = token(email, ADMIN_PASSWORD);
        assertThat((List<String>) json(get("/api/v1/schools", admin)).read("$.items[*].schoolId"))
            .containsExactlyInAnyOrder(first, second);
        assertProblem(postJson("/api/v1/schools/" + second + "/admins", operator, """
                {"email":"fresh-%s@example.com","password":"short"}""".formatted(unique())), 400, "INVALID_PASSWORD");
    }

    @Test
    void badRequestsGetAProblemWithAClearCode() throws Exception {
        var school = school(false);
        var admin = admin(school);
        assertProblem(postJson("/api/v1/schools", operator, "{\"schoolId\": "), 400, "MALFORMED_JSON");
        assertProblem(postJson("/api/v1/schools", operator, "{\"schoolId\": \"S1\"}"), 400, "INVALID_REQUEST");
        assertProblem(call(multipart("/api/v1/imports").param("dryRun", "true"), admin), 400, "MISSING_PART");
        assertProblem(call(post("/api/v1/imports").contentType(MediaType.APPLICATION_JSON).content("{}"), admin),
            415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(get("/api/v1/imports/00000000-0000-0000-0000-000000000000", admin), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/imports/no-such-id/errors", admin), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/nothing-here", admin), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/imports?size=5000", admin), 400, "INVALID_REQUEST");
        assertProblem(upload(admin, csv(HEADER), "dryRun", "maybe"), 400, "INVALID_REQUEST");
        // Options belong in the multipart body: a password in the URL would stay in access logs.
        var inUrl = call(multipart("/api/v1/imports?customPassword=Secret-In-Url-1").file(
            new org.springframework.mock.web.MockMultipartFile("file", "r.csv", "text/csv", csv(HEADER).getBytes())), admin);
        assertProblem(inUrl, 400, "INVALID_REQUEST");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
    }

    @Test
    void aFiveMegabyteHeaderLineIsAFileErrorNotACrash() throws Exception {
        var admin = admin(school(false));
        var header = "firstName,lastName," + "x".repeat(5 * 1024 * 1024) + ",isTeacher";
        var refused = upload(admin, csv(header, "a,b,c,d"));
        assertProblem(refused, 422, "FIELD_TOO_LARGE");
        assertThat((String) json(refused).read("$.detail")).startsWith("Row 1 has a cell longer than 65536 characters");
    }

    @Test
    void aCellOverTheLimitInADataRowFailsTheImportAndNamesTheRow() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var u = unique();
        var report = importFile(admin, csv(HEADER + ",notes",
            String.join(",", "Ok", "Row", "ok." + u + "@example.com", "0", "1", school, "fine"),
            String.join(",", "Big", "Cell", "big." + u + "@example.com", "0", "2", school, "x".repeat(65_537))));

        assertThat((String) report.read("$.status")).isEqualTo("FAILED");
        assertThat((String) report.read("$.fileError.code")).isEqualTo("FIELD_TOO_LARGE");
        assertThat((String) report.read("$.fileError.message")).startsWith("Row 3 has a cell longer");
        assertThat(users(admin, school)).isEmpty();
    }

    @Test
    void aFileOverTheSizeLimitIs413() throws Exception {
        var admin = admin(school(false));
        var big = new byte[9 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertProblem(upload(admin, big), 413, "FILE_TOO_LARGE");
    }

    @Test
    void templatesAndTheApiDescriptionArePublic() throws Exception {
        var template = get("/templates/create-users-template.csv", null);
        assertThat(template.getResponse().getStatus()).isEqualTo(200);
        assertThat(template.getResponse().getContentType()).startsWith("text/csv");
        assertThat(get("/templates/create-users-example.csv", null).getResponse().getContentAsString(StandardCharsets.UTF_8))
            .startsWith(HEADER);
        var apiDocs = get("/v3/api-docs", null);
        assertThat(apiDocs.getResponse().getStatus()).isEqualTo(200);
        var paths = json(apiDocs).read("$.paths");
        assertThat(((java.util.Map<String, Object>) paths).keySet()).contains("/api/v1/imports", "/api/v1/imports/{id}",
            "/api/v1/tokens", "/api/v1/schools", "/api/v1/schools/{schoolId}/users");
    }
}
