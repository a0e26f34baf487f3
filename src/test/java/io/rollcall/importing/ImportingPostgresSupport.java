package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.rollcall.auth.CurrentUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Drives imports below the HTTP layer on the real PostgreSQL, where several instances can share
 * one queue. The application's own worker runs too: it is one more instance.
 */
@SpringBootTest
@ActiveProfiles({"test", "postgres"})
abstract class ImportingPostgresSupport {

    static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";

    @Autowired
    ImportJobs jobs;
    @Autowired
    ImportProcessor processor;
    @Autowired
    Uploads uploads;
    @Autowired
    FailedRows failedRows;
    @Autowired
    ChunkStore files;
    @Autowired
    JdbcClient jdbc;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String school() {
        var id = "S" + unique();
        jdbc.sql("insert into school (school_id, name, created_at) values (:id, :id, current_timestamp)")
            .param("id", id).update();
        return id;
    }

    CurrentUser operator() {
        long id = jdbc.sql("select account_id from operator order by account_id limit 1").query(Long.class).single();
        return new CurrentUser(id, "operator@rollcall.example.com", "Rollcall Operator", true, Set.of(), false, 0);
    }

    /** A roster of {@code rows} people named {@code prefix}N; every {@code invalidEvery}th row has a bad email. */
    static String roster(String prefix, String school, int rows, int invalidEvery) {
        var csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= rows; i++) {
            var email = i % invalidEvery == 0 ? "not-an-email-" + i : prefix + i + "@example.com";
            csv.append("First").append(i).append(",Last,").append(email).append(",0,").append(prefix).append(i)
                .append(',').append(school).append('\n');
        }
        return csv.toString();
    }

    String submit(String csv) throws IOException {
        var upload = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
        return uploads.submit(upload, new ImportRequest("roster.csv", false, null, false), operator()).id();
    }

    ImportJob awaitEnd(String id, Duration within) throws InterruptedException {
        var deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            var job = jobs.find(id).orElseThrow();
            if (job.status() == ImportStatus.COMPLETED || job.status() == ImportStatus.FAILED) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + id + " did not end within " + within);
    }

    long accounts(String prefix) {
        return jdbc.sql("select count(*) from account where email_key like :p").param("p", prefix + "%")
            .query(Long.class).single();
    }

    long memberships(String prefix, String school) {
        return jdbc.sql("""
                select count(*) from membership m join account a on a.id = m.account_id
                where a.email_key like :p and m.school_id = :s""")
            .param("p", prefix + "%").param("s", school).query(Long.class).single();
    }

    long errors(String importId) {
        return jdbc.sql("select count(*) from import_error where import_id = :id").param("id", importId)
            .query(Long.class).single();
    }

    static void assertCompleted(ImportJob job, int created, int failed) {
        assertThat(job.status()).as("status of %s (%s)", job.id(), job.fileErrorMessage()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(job.createdCount()).isEqualTo(created);
        assertThat(job.updatedCount()).isZero();
        assertThat(job.unchangedCount()).isZero();
        assertThat(job.failedCount()).isEqualTo(failed);
        assertThat(job.errorCount()).isEqualTo(failed);
        assertThat(job.processedRows()).isEqualTo(created + failed);
    }
}
