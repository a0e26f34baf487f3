package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The server cannot store an upload (its disk is full, say; here the spool "directory" is a file):
 * a clear 503, and nothing is stored.
 */
@ActiveProfiles({"test", "h2"})
@TestPropertySource(properties = "rollcall.import.spool-directory=pom.xml")
class UnwritableSpoolTests extends ApiTestSupport {

    @Test
    void anUploadThatCannotBeStoredIsRefusedClearlyAndLeavesNothing() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var result = upload(admin, csv(HEADER, String.join(",", "A", "B", "c@example.com", "0", "1", school)));
        assertThat(result.getResponse().getStatus()).isEqualTo(503);
        var problem = json(result);
        assertThat((String) problem.read("$.code")).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat((String) problem.read("$.detail")).contains("nothing was imported");
        assertThat((Integer) json(get("/api/v1/imports", admin)).read("$.total")).isZero();
    }
}
