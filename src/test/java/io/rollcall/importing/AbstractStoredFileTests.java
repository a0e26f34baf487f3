package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stored upload is read whole or not at all: an import whose file lost a part, or whose bytes
 * changed, fails as FILE_INCOMPLETE with nothing written; a running import's file cannot be
 * purged; dry runs are purged after a day.
 */
@SpringBootTest
abstract class AbstractStoredFileTests {

    private static final io.rollcall.importing.parse.RosterFormat UTF8_COMMA =
        new io.rollcall.importing.parse.RosterFormat(java.nio.charset.StandardCharsets.UTF_8, 0, ',');

    static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID,notes";

    @Autowired
    ImportJobs jobs;
    @Autowired
    ChunkStore files;
    @Autowired
    Retention retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private CurrentUser operator() {
        long id = jdbc.sql("select account_id from operator order by account_id limit 1").query(Long.class).single();
        return new CurrentUser(id, "operator@rollcall.example.com", "Rollcall Operator", true, Set.of(), false, 0);
    }

    private String school() {
        var id = "F" + unique();
        jdbc.sql("insert into school (school_id, name, created_at) values (:id, :id, current_timestamp)")
            .param("id", id).update();
        return id;
    }

    // About 1.5 MiB: two chunks.
    private static byte[] roster(String prefix, String school) {
        var csv = new StringBuilder(HEADER).append('\n');
        var notes = "n".repeat(240);
        for (int i = 1; i <= 6000; i++) {
            csv.append("First,Last,").append(prefix).append(i).append("@example.com,0,").append(i).append(',')
                .append(school).append(',').append(notes).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Queues an import of the file as an upload would, with {@code damage} done to its chunks in the same commit. */
    private String queue(byte[] file, String status, BiConsumer<JdbcClient, String> damage) throws Exception {
        var id = "stored-" + unique();
        var sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        var spool = Files.createTempFile("stored", ".csv");
        Files.write(spool, file);
        transactions.executeWithoutResult(tx -> {
            jobs.insert(id, operator(), Set.of(), new ImportRequest("stored.csv", false, null, false),
                new StoredFile(file.length, sha256), UTF8_COMMA, null, RosterSource.CSV);
            try {
                files.store(id, spool);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            jobs.queue(id);
            if (!status.equals("QUEUED")) {
                jdbc.sql("""
                        update import_job set status = :status, worker = 'elsewhere', heartbeat_at = current_timestamp,
                            finished_at = case when :status = 'COMPLETED' then current_timestamp end where id = :id""")
                    .param("status", status).param("id", id).update();
            }
            damage.accept(jdbc, id);
        });
        Files.delete(spool);
        return id;
    }

    private ImportJob awaitEnd(String id) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var job = jobs.find(id).orElseThrow();
            if (job.status() == ImportStatus.COMPLETED || job.status() == ImportStatus.FAILED) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("import " + id + " did not end");
    }

    private void assertIncomplete(BiConsumer<JdbcClient, String> damage) throws Exception {
        var prefix = "stored-" + unique() + "-";
        var id = queue(roster(prefix, school()), "QUEUED", damage);

        var job = awaitEnd(id);

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.fileErrorCode()).isEqualTo("FILE_INCOMPLETE");
        assertThat(job.fileErrorMessage()).startsWith("The stored file of this import is incomplete or altered");
        assertThat(jdbc.sql("select count(*) from account where email_key like :p").param("p", prefix + "%")
            .query(Long.class).single()).isZero();
    }

    @Test
    void anImportWhoseFileLostItsLastPartFails() throws Exception {
        assertIncomplete((jdbc, id) -> jdbc.sql("delete from import_file_chunk where import_id = :id and seq = 1")
            .param("id", id).update());
    }

    @Test
    void anImportWhoseFileLostItsFirstPartFails() throws Exception {
        assertIncomplete((jdbc, id) -> jdbc.sql("delete from import_file_chunk where import_id = :id and seq = 0")
            .param("id", id).update());
    }

    @Test
    void anImportWhoseFileHasAShortPartFails() throws Exception {
        assertIncomplete((jdbc, id) -> jdbc.sql("update import_file_chunk set data = :data where import_id = :id and seq = 0")
            .param("data", (HEADER + "\n").getBytes(StandardCharsets.UTF_8))
            .param("id", id).update());
    }

    @Test
    void anImportWhoseFileWasAlteredFails() throws Exception {
        assertIncomplete((jdbc, id) -> {
            byte[] data = jdbc.sql("select data from import_file_chunk where import_id = :id and seq = 1")
                .param("id", id).query((rs, n) -> rs.getBytes(1)).single();
            data[100] = (byte) (data[100] == 'n' ? 'm' : 'n');
            jdbc.sql("update import_file_chunk set data = :data where import_id = :id and seq = 1")
                .param("data", data).param("id", id).update();
        });
    }

    @Test
    void aRunningImportIsNotPurged() throws Exception {
        var id = queue(roster("running-" + unique(), school()), "RUNNING", (jdbc, job) -> { });

        assertThatThrownBy(() -> retention.purgeNow(id, operator())).isInstanceOf(RollcallException.class)
            .extracting(e -> ((RollcallException) e).code()).isEqualTo(ErrorCode.IMPORT_RUNNING);
        assertThat(ErrorCode.IMPORT_RUNNING.status()).isEqualTo(409);
        assertThat(chunks(id)).isEqualTo(2);

        jdbc.sql("update import_job set status = 'COMPLETED', finished_at = current_timestamp where id = :id")
            .param("id", id).update();
        assertThat(retention.purgeNow(id, operator())).isTrue();
        assertThat(chunks(id)).isZero();
    }

    private long chunks(String id) {
        return jdbc.sql("select count(*) from import_file_chunk where import_id = :id").param("id", id)
            .query(Long.class).single();
    }

    @Test
    void theRetentionRoundRemovesStagedRowsAnEndedImportLeftBehindAndKeepsARunningOnes() throws Exception {
        var school = school();
        var ended = queue(roster("ended-" + unique(), school), "COMPLETED", (jdbc, id) -> { });
        var running = queue(roster("running-" + unique(), school), "RUNNING", (jdbc, id) -> { });
        for (var id : java.util.List.of(ended, running)) {
            jdbc.sql("insert into import_row (import_id, row_no, email, failed) values (:id, 2, 'left@example.com', false)")
                .param("id", id).update();
        }

        jdbc.sql("insert into import_removal (import_id, row_no, school_id, email_key) values (:id, 3, :school, 'gone@example.com')")
            .param("id", ended).param("school", school).update();
        try {
            retention.purgeExpired();

            assertThat(stagedRows(ended)).isZero();
            assertThat(jdbc.sql("select count(*) from import_removal where import_id = :id").param("id", ended)
                .query(Long.class).single()).isZero();
            assertThat(stagedRows(running)).isEqualTo(1);
            // Within its retention period: the ended import's file and report stay.
            assertThat(chunks(ended)).isEqualTo(2);
        } finally {
            // No worker may take the pretend-running import over later.
            jdbc.sql("delete from import_row where import_id = :id").param("id", running).update();
            jdbc.sql("update import_job set status = 'FAILED', worker = null where id = :id").param("id", running).update();
        }
    }

    private long stagedRows(String id) {
        return jdbc.sql("select count(*) from import_row where import_id = :id").param("id", id)
            .query(Long.class).single();
    }

    @Test
    void dryRunsArePurgedAfterADayAndOtherImportsAfterTheRetentionPeriod() throws Exception {
        var school = school();
        var dryRun = queue(roster("dry-" + unique(), school), "COMPLETED", (jdbc, id) -> { });
        var real = queue(roster("real-" + unique(), school), "COMPLETED", (jdbc, id) -> { });
        jdbc.sql("update import_job set dry_run = (id = :dry), finished_at = :before where id in (:dry, :real)")
            .param("dry", dryRun).param("real", real)
            .param("before", java.time.OffsetDateTime.now().minusHours(25)).update();

        retention.purgeExpired();

        assertThat(chunks(dryRun)).isZero();
        assertThat(chunks(real)).isEqualTo(2);
    }
}
