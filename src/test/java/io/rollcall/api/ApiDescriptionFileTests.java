package io.rollcall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/openapi.json} is the served description, byte for byte once pretty-printed: the test
 * client is generated from it at build time, and integrators may read it without running Rollcall.
 * {@code ./mvnw -B test -Dtest=ApiDescriptionFileTests -Drollcall.refresh-docs=true} rewrites it.
 */
@ActiveProfiles({"test", "h2"})
class ApiDescriptionFileTests extends ApiTestSupport {

    static final Path FILE = Path.of("docs", "openapi.json");

    @Test
    void theCheckedInDescriptionIsTheServedOne() throws Exception {
        var served = get("/v3/api-docs", null).getResponse().getContentAsString(StandardCharsets.UTF_8);
        var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        var pretty = mapper.writeValueAsString(mapper.readValue(served, JsonNode.class)) + "\n";
        if (Boolean.getBoolean("rollcall.refresh-docs")) {
            Files.writeString(FILE, pretty);
        }
        assertThat(FILE).as("docs/openapi.json; rewrite it with "
            + "./mvnw -B test -Dtest=ApiDescriptionFileTests -Drollcall.refresh-docs=true").hasContent(pretty);
    }
}
