package io.rollcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml, its HAProxy configuration and the Dockerfile describe the cluster that
 * {@code bin/rollcall-cluster} starts without containers (no image registry is reachable where the
 * tests run, so the files are checked, not run): the same two instances on one database behind
 * the same proxy settings.
 */
class ClusterFilesTests {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("compose.yaml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoInstancesOfTheImageOnOneDatabaseWithAMailCatcher() throws IOException {
        var services = services();
        assertThat(services).containsKeys("rollcall-1", "rollcall-2", "proxy", "postgres", "mail");
        for (var name : List.of("rollcall-1", "rollcall-2")) {
            var instance = (Map<String, Object>) services.get(name);
            assertThat(instance.get("build")).isEqualTo(".");
            var environment = (Map<String, Object>) instance.get("environment");
            assertThat(environment.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/rollcall");
            assertThat(environment.get("SPRING_MAIL_HOST")).isEqualTo("mail");
            assertThat((String) environment.get("ROLLCALL_PUBLIC_URL")).doesNotContain("8081", "8082");
            assertThat((Map<String, Object>) instance.get("depends_on")).containsKey("postgres");
        }
        var postgres = (Map<String, Object>) services.get("postgres");
        var database = (Map<String, Object>) postgres.get("environment");
        assertThat(database).containsEntry("POSTGRES_DB", "rollcall").containsEntry("POSTGRES_USER", "rollcall");
        assertThat(postgres).containsKey("healthcheck");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProxyBalancesEveryInstanceOnItsReadiness() throws IOException {
        var proxy = (Map<String, Object>) services().get("proxy");
        assertThat((List<String>) proxy.get("volumes")).contains("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        var config = Files.readString(Path.of("deploy", "haproxy.cfg"));
        for (var name : services().keySet().stream().filter(n -> n.startsWith("rollcall-")).toList()) {
            assertThat(config).contains("server " + name + " " + name + ":8080 check");
        }
        assertThat(config).contains("option httpchk GET /actuator/health/readiness");
    }

    @Test
    void composeAndTheScriptConfigureTheProxyAlike() throws IOException {
        assertThat(settings(Files.readString(Path.of("deploy", "haproxy.cfg"))))
            .isEqualTo(settings(Files.readString(Path.of("bin", "rollcall-cluster")).replace("$health",
                "/actuator/health/readiness")));
    }

    // The proxy's settings, without comments, addresses and the instances' list.
    private static List<String> settings(String text) {
        var start = text.indexOf("global\n");
        var end = text.indexOf("    server ", text.indexOf("default-server"));
        var block = text.substring(start, end < 0 ? text.length() : end);
        if (block.contains("EOF")) {
            block = block.substring(0, block.indexOf("EOF"));
        }
        return block.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .filter(line -> !line.startsWith("bind ")).collect(Collectors.toList());
    }

    @Test
    void theImageIsLayeredRunsWithoutPrivilegesAndChecksItsLiveness() throws IOException {
        var dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).contains("-Djarmode=tools", "extract --layers --launcher");
        assertThat(dockerfile).containsPattern("(?m)^USER rollcall$");
        assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*\\n?.*actuator/health/liveness");
        assertThat(dockerfile).contains("org.springframework.boot.loader.launch.JarLauncher");
    }
}
