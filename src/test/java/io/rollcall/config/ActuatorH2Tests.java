package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;

import io.rollcall.ApiTestSupport;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The probes a load balancer and an orchestrator read. The mail server here is a closed port, so its
 * health is DOWN: that must take no instance out of the load balancer, and anonymous callers learn
 * nothing but the status.
 */
@ActiveProfiles({"test", "h2"})
@TestPropertySource(properties = {"spring.mail.host=127.0.0.1", "spring.mail.port=9"})
class ActuatorH2Tests extends ApiTestSupport {

    @Test
    void aMailServerThatIsDownKeepsTheInstanceReadyAndAlive() throws Exception {
        assertThat(probe("/actuator/health/readiness", null)).isEqualTo("200 UP");
        assertThat(probe("/actuator/health/liveness", null)).isEqualTo("200 UP");
        // The overall health says something is wrong, for an operator to look into.
        assertThat(probe("/actuator/health", null)).isEqualTo("503 DOWN");
        var details = body("/actuator/health", operator);
        assertThat((String) JsonPath.read(details, "$.components.mail.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(details, "$.components.database.status")).isEqualTo("UP");
    }

    @Test
    void anonymousCallersAndSchoolAdminsReadTheStatusOnly() throws Exception {
        var admin = token(adminEmail(school(false)), ADMIN_PASSWORD);
        for (var caller : new String[] {null, admin}) {
            for (var path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
                assertThat(body(path, caller)).as(path).doesNotContain("components", "details", "database", "mail",
                    "jdbc", "127.0.0.1");
            }
        }
        assertThat(body("/actuator/health/readiness", operator)).contains("\"database\"").doesNotContain("mail");
    }

    private String probe(String path, String token) throws Exception {
        var response = mvc.perform(request(path, token)).andReturn().getResponse();
        return response.getStatus() + " " + JsonPath.read(response.getContentAsString(), "$.status");
    }

    private String body(String path, String token) throws Exception {
        return mvc.perform(request(path, token)).andReturn().getResponse().getContentAsString();
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request(String path,
            String token) {
        var request = MockMvcRequestBuilders.get(path);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
