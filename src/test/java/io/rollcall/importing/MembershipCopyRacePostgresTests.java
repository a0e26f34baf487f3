package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import io.rollcall.TestDatabase;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A school adds a person to its roster while their home school's import renames them, uncommitted:
 * the new membership's copy of the names (the users pages' sort key) must be the new names, not the
 * ones read before the rename committed.
 */
@ActiveProfiles({"test", "postgres"})
class MembershipCopyRacePostgresTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMembershipAddedWhileTheAccountIsRenamedGetsTheNewNames() throws Exception {
        var home = school(false);
        var other = school(false);
        var person = "race.renamed." + unique() + "@example.com";
        importFile(admin(home), csv(HEADER, String.join(",", "Zoe", "Old", person, "0", "H1", home)));
        var otherAdmin = admin(other);

        String importId;
        // The home school's rename, as its import's apply step writes it, held uncommitted.
        try (var renaming = DriverManager.getConnection(TestDatabase.url(schema()), TestDatabase.USER,
                TestDatabase.PASSWORD)) {
            renaming.setAutoCommit(false);
            try (var rename = renaming.createStatement()) {
                rename.executeUpdate("update account set last_name = 'New' where email_key = '" + person + "'");
                rename.executeUpdate("update membership set last_name = 'New' where email_key = '" + person + "'");
            }
            var upload = upload(otherAdmin, csv(HEADER, String.join(",", "Zoe", "Old", person, "0", "O1", other)));
            assertThat(upload.getResponse().getStatus()).isEqualTo(202);
            importId = JsonPath.read(upload.getResponse().getContentAsString(), "$.id");
            awaitTheImportWaitingForTheRename(otherAdmin, importId);

            renaming.commit();
        }
        var report = awaitEnd(otherAdmin, importId);

        assertThat((String) report.read("$.status")).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select last_name from membership where email_key = :key and school_id = :school")
            .param("key", person).param("school", other).query(String.class).single()).isEqualTo("New");
    }

    private String schema() {
        return jdbc.sql("select current_schema()").query(String.class).single();
    }

    private void awaitTheImportWaitingForTheRename(String token, String importId) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            long waiting = jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like '%for share%'""")
                .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            var status = (String) json(get("/api/v1/imports/" + importId, token)).read("$.status");
            assertThat(status).as("the import went on without waiting for the uncommitted rename")
                .isIn("QUEUED", "RUNNING");
            Thread.sleep(50);
        }
        throw new AssertionError("the import never waited for the account being renamed");
    }
}
