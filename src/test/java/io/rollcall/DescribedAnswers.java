package io.rollcall;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultHandler;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every answer of the API to the served OpenAPI description: its status is one the
 * operation lists, its content type and required headers are the listed ones, and its JSON body
 * matches the listed schema. An error answer to a path or method the description does not have
 * must still be a problem detail. A mismatch fails the test that made the request.
 */
public final class DescribedAnswers implements ResultHandler {

    private static final String DOCUMENT = "https://rollcall.invalid/v3/api-docs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode description;
    private final SchemaRegistry schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    public DescribedAnswers(String description) {
        this.description = JSON.readTree(description);
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
            builder -> builder.schemas(Map.of(DOCUMENT, description)));
    }

    @Override
    public void handle(MvcResult result) {
        var request = result.getRequest();
        var response = result.getResponse();
        var headers = new java.util.HashMap<String, String>();
        response.getHeaderNames().forEach(name -> headers.put(name.toLowerCase(), response.getHeader(name)));
        check(request.getMethod(), request.getRequestURI(), response.getStatus(), response.getContentType(), headers,
            response.getContentAsByteArray());
    }

    /** Fails with an AssertionError saying what differs, when the answer is not one the description gives. */
    public void check(String method, String uri, int status, String contentType, Map<String, String> headers,
            byte[] body) {
        var template = template(uri);
        if (template == null) {
            if (uri.startsWith("/api/") && status >= 400) {
                checkBody("#/components/schemas/Problem", body, method + " " + uri + " (not described) -> " + status);
            }
            return;
        }
        var what = method + " " + uri + " -> " + status;
        var operation = description.path("paths").path(template).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            // An undescribed method: refused (405, or 401/403 before that is known) with a problem.
            assertThat(status >= 400, what + ": a method the description does not list succeeded");
            checkBody("#/components/schemas/Problem", body, what);
            return;
        }
        var answer = operation.path("responses").path(String.valueOf(status));
        assertThat(!answer.isMissingNode(), what + ": the description lists only "
            + operation.path("responses").propertyNames() + " for " + method + " " + template);
        answer.path("headers").properties().forEach(header -> assertThat(
            !header.getValue().path("required").asBoolean() || headers.containsKey(header.getKey().toLowerCase()),
            what + ": no " + header.getKey() + " header, which the description requires"));
        var content = answer.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(body.length == 0, what + ": a body the description does not have: " + text(body));
            return;
        }
        assertThat(contentType != null, what + ": no Content-Type");
        var type = MediaType.parseMediaType(contentType);
        String listed = null;
        for (Iterator<String> names = content.propertyNames().iterator(); names.hasNext(); ) {
            var name = names.next();
            if (MediaType.parseMediaType(name).equalsTypeAndSubtype(type)) {
                listed = name;
            }
        }
        assertThat(listed != null, what + ": Content-Type " + contentType + ", the description lists "
            + content.propertyNames());
        if (type.getSubtype().endsWith("json")) {
            checkBody("#/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + status
                + "/content/" + escape(listed) + "/schema", body, what);
        }
    }

    private void checkBody(String pointer, byte[] body, String what) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": the body is not JSON: " + text(body));
        }
        var schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT + p)));
        var errors = schema.validate(json);
        assertThat(errors.isEmpty(), what + ": the body does not match the description (" + pointer + "): " + errors
            + "\n" + text(body));
    }

    // The described path the URI is an instance of, or null.
    private String template(String uri) {
        for (var path : description.path("paths").propertyNames()) {
            var regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (uri.matches(regex)) {
                return path;
            }
        }
        return null;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String text(byte[] body) {
        var text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
    }

    private static void assertThat(boolean holds, String message) {
        if (!holds) {
            throw new AssertionError("The answer is not the one the API description gives: " + message);
        }
    }
}
