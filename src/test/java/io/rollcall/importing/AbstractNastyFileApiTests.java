package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.rollcall.importing.NastyFiles.Accepted;
import io.rollcall.importing.NastyFiles.Context;
import io.rollcall.importing.NastyFiles.Failed;
import io.rollcall.importing.NastyFiles.NastyFile;
import io.rollcall.importing.NastyFiles.Refused;

/**
 * Nasty real-world files through the HTTP API, each against the outcome written down for it in
 * {@link NastyFiles} (and docs/nasty-files.md). Runs once on H2 and once on PostgreSQL.
 */
abstract class AbstractNastyFileApiTests extends ApiTestSupport {

    static Stream<NastyFile> nastyFiles() {
        return NastyFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nastyFiles")
    void eachNastyFileHasItsWrittenDownOutcome(NastyFile file) throws Exception {
        var school = school(false);
        var admin = admin(school);
        var result = upload(admin, file.content().apply(new Context(school, unique())));
        var status = result.getResponse().getStatus();
        var body = result.getResponse().getContentAsString();

        var expected = file.expected();
        if (expected instanceof Refused refused) {
            assertThat(status).as(body).isEqualTo(422);
            assertThat((String) json(result).read("$.code")).as(body).isEqualTo(refused.code());
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
        } else if (expected instanceof Failed failed) {
            assertThat(status).as(body).isEqualTo(202);
            var report = awaitEnd(admin, json(result).read("$.id"));
            assertThat((String) report.read("$.status")).isEqualTo("FAILED");
            assertThat((String) report.read("$.fileError.code")).isEqualTo(failed.code());
            assertThat((Integer) report.read("$.created")).isZero();
        } else if (expected instanceof Accepted accepted) {
            assertThat(status).as(body).isEqualTo(202);
            var report = awaitEnd(admin, json(result).read("$.id"));
            assertThat((String) report.read("$.status")).as(report.jsonString()).isEqualTo("COMPLETED");
            List<Map<String, Object>> errors = report.read("$.errors");
            assertThat(errors).extracting(e -> e.get("row") + " " + e.get("field") + " " + e.get("code"))
                .as(report.jsonString()).containsExactlyElementsOf(accepted.rowErrors());
            assertThat((Integer) report.read("$.created")).as(report.jsonString()).isEqualTo(accepted.created());
            assertThat(users(admin, school)).hasSize(accepted.created());
            if (accepted.names() != null) {
                var names = new ArrayList<String>();
                users(admin, school).values().forEach(u -> names.add(u.get("firstName") + " " + u.get("lastName")));
                assertThat(names).containsExactlyInAnyOrderElementsOf(accepted.names());
            }
            return;
        }
        assertThat(users(operator, school)).isEmpty();
    }
}
