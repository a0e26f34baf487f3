package io.rollcall;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The check every API test's answers go through fails on each kind of drift from the description. */
class DescribedAnswersTest {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String SCHOOL = "{\"schoolId\":\"648572\",\"name\":\"Demo\",\"customPasswordOverridesExisting\":false,"
        + "\"uploadsReactivate\":false,\"locale\":\"en\"}";
    private static final String NOT_FOUND = "{\"type\":\"/problems/not-found\",\"title\":\"Not Found\",\"status\":404,"
        + "\"detail\":\"School 1 does not exist\",\"code\":\"NOT_FOUND\"}";

    private final DescribedAnswers described;

    DescribedAnswersTest() throws Exception {
        described = new DescribedAnswers(Files.readString(Path.of("docs", "openapi.json")));
    }

    private void check(String method, String uri, int status, String type, Map<String, String> headers, String body) {
        described.check(method, uri, status, type, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheAnswersTheDescriptionGives() {
        assertThatCode(() -> {
            check("GET", "/api/v1/schools/648572", 200, JSON, Map.of(), SCHOOL);
            check("GET", "/api/v1/schools/1", 404, PROBLEM, Map.of(), NOT_FOUND);
            check("POST", "/api/v1/schools", 201, JSON, Map.of("location", "/api/v1/schools/648572"), SCHOOL);
            check("DELETE", "/api/v1/tokens/current", 204, null, Map.of(), "");
            check("PUT", "/api/v1/schools", 405, PROBLEM, Map.of(), NOT_FOUND.replace("404", "405"));
        }).doesNotThrowAnyException();
    }

    @Test
    void refusesABodyOfAnotherShape() {
        assertThatThrownBy(() -> check("GET", "/api/v1/schools/648572", 200, JSON, Map.of(), "{\"schoolId\":\"648572\"}"))
            .isInstanceOf(AssertionError.class).hasMessageContaining("required");
        assertThatThrownBy(() -> check("GET", "/api/v1/schools/648572", 200, JSON, Map.of(),
            SCHOOL.replace("\"Demo\"", "null"))).isInstanceOf(AssertionError.class).hasMessageContaining("name");
        assertThatThrownBy(() -> check("GET", "/api/v1/schools/1", 404, PROBLEM, Map.of(),
            NOT_FOUND.replace("NOT_FOUND", "NO_SUCH_CODE"))).isInstanceOf(AssertionError.class).hasMessageContaining("code");
    }

    @Test
    void refusesAStatusOrTypeTheOperationDoesNotList() {
        assertThatThrownBy(() -> check("GET", "/api/v1/schools", 404, PROBLEM, Map.of(), NOT_FOUND))
            .isInstanceOf(AssertionError.class).hasMessageContaining("lists only");
        assertThatThrownBy(() -> check("GET", "/api/v1/schools/1", 404, JSON, Map.of(), NOT_FOUND))
            .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
    }

    @Test
    void refusesAMissingRequiredHeader() {
        assertThatThrownBy(() -> check("POST", "/api/v1/schools", 201, JSON, Map.of(), SCHOOL))
            .isInstanceOf(AssertionError.class).hasMessageContaining("Location");
    }

    @Test
    void refusesAnUndescribedErrorThatIsNoProblem() {
        assertThatThrownBy(() -> check("GET", "/api/v1/nothing", 404, JSON, Map.of(), "{\"error\":\"Not Found\"}"))
            .isInstanceOf(AssertionError.class).hasMessageContaining("Problem");
        assertThatThrownBy(() -> check("PUT", "/api/v1/schools", 200, JSON, Map.of(), SCHOOL))
            .isInstanceOf(AssertionError.class).hasMessageContaining("does not list");
    }
}
