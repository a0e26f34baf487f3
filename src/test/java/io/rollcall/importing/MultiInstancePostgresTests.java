package io.rollcall.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.stage.Stager;
import io.rollcall.importing.validate.RowValidator;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several instances on one PostgreSQL: each job is claimed and processed by exactly one of them,
 * and a job whose instance stopped half-way is finished by another with the result of a clean run.
 */
class MultiInstancePostgresTests extends ImportingPostgresSupport {

    private static final io.rollcall.importing.parse.RosterFormat UTF8_COMMA =
        new io.rollcall.importing.parse.RosterFormat(java.nio.charset.StandardCharsets.UTF_8, 0, ',');

    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    @Autowired
    Stager stager;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ImportProperties importProperties;

    // This context's import settings, with another instance's number of workers.
    private ImportProperties properties(int workers) {
        var p = importProperties;
        return new ImportProperties(p.maxFileSize(), p.maxRows(), workers, p.batchSize(), p.spoolDirectory(),
            p.maxStoredPerSchool(), p.syncMaxDeactivatePercent(), STALE_AFTER, p.maxConcurrentUploads(),
            Duration.ofSeconds(1));
    }

    // A job inserted as it is at upload time, but without a file: whoever claims it fails it as EMPTY_FILE.
    private String queuedJobWithoutFile() {
        var id = "claim-" + unique();
        jobs.insert(id, operator(), java.util.Set.of(), new ImportRequest("empty.csv", false, null, false), new StoredFile(0, null), UTF8_COMMA,
            null, RosterSource.CSV);
        jobs.queue(id);
        return id;
    }

    @Test
    void eachQueuedJobIsClaimedByExactlyOneOfManyInstances() throws Exception {
        var ids = new ArrayList<String>();
        for (int i = 0; i < 30; i++) {
            ids.add(queuedJobWithoutFile());
        }
        int instances = 6;
        var claims = new CopyOnWriteArrayList<Map.Entry<String, String>>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(instances);
        try {
            var done = new ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < instances; i++) {
                var name = "instance-" + i + "-" + unique();
                done.add(pool.submit(() -> {
                    start.await();
                    for (var job = jobs.claimNext(name, STALE_AFTER); job.isPresent(); job = jobs.claimNext(name, STALE_AFTER)) {
                        claims.add(Map.entry(job.get().id(), name));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        var claimedBy = new HashMap<String, List<String>>();
        claims.stream().filter(c -> ids.contains(c.getKey()))
            .forEach(c -> claimedBy.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue()));
        assertThat(claimedBy.values()).allSatisfy(names -> assertThat(names).hasSize(1));
        for (var id : ids) {
            var worker = jdbc.sql("select worker from import_job where id = :id").param("id", id)
                .query(String.class).single();
            // The application's own worker is one more instance and may win some of them.
            if (claimedBy.containsKey(id)) {
                assertThat(worker).isEqualTo(claimedBy.get(id).get(0));
            } else {
                assertThat(worker).as("job %s was claimed by nobody", id).isNotNull();
            }
        }
    }

    @Test
    void twoInstancesProcessEveryJobExactlyOnce() throws Exception {
        var school = school();
        var second = new ImportWorker(jobs, processor, properties(2));
        try {
            var prefixes = new ArrayList<String>();
            var ids = new ArrayList<String>();
            for (int i = 0; i < 6; i++) {
                var prefix = "once-" + unique() + "-";
                prefixes.add(prefix);
                ids.add(submit(roster(prefix, school, 1200, 100)));
                second.wake();
            }
            for (int i = 0; i < ids.size(); i++) {
                var job = awaitEnd(ids.get(i), Duration.ofMinutes(2));
                assertCompleted(job, 1188, 12);
                assertThat(errors(job.id())).isEqualTo(12);
                assertThat(accounts(prefixes.get(i))).isEqualTo(1188);
                assertThat(memberships(prefixes.get(i), school)).isEqualTo(1188);
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void aJobWhoseInstanceStoppedHalfWayIsFinishedByAnotherWithTheSameResult() throws Exception {
        var school = school();
        var prefix = "resumed-" + unique() + "-";
        var csv = roster(prefix, school, 3000, 50);
        var id = "resumed-" + unique();
        var dead = "stopped-instance";
        // The stopped instance claimed the job at once (no other instance saw it queued) ...
        transactions.executeWithoutResult(status -> {
            jobs.insert(id, operator(), java.util.Set.of(), new ImportRequest("roster.csv", false, null, false), new StoredFile(csv.length(), null),
                UTF8_COMMA, null, RosterSource.CSV);
            jdbc.sql("update import_job set status = 'RUNNING', worker = :w, heartbeat_at = current_timestamp where id = :id")
                .param("w", dead).param("id", id).update();
            try {
                var spool = java.nio.file.Files.createTempFile("roster", ".csv");
                java.nio.file.Files.writeString(spool, csv);
                files.store(id, spool);
                java.nio.file.Files.delete(spool);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // ... staged half of the file, rows and their errors, and stopped before the apply step.
        var format = new RosterFormat(Charset.forName("UTF-8"), 0, ',');
        try (var reader = RosterReader.open(files.open(jobs.find(id).orElseThrow()), format, 10_000); var staging = stager.open(id, dead)) {
            var validator = new RowValidator(reader.header(), Set.of(school), ',');
            for (int i = 0; i < 1500; i++) {
                staging.add(validator.check(reader.next().orElseThrow()));
            }
            assertThat(staging.finish()).isTrue();
        }
        assertThat(jobs.progress(id, dead, 1500)).isTrue();
        assertThat(errors(id)).isEqualTo(30);
        // Its heartbeat stops.
        jdbc.sql("update import_job set heartbeat_at = :old where id = :id")
            .param("old", java.time.OffsetDateTime.now().minusMinutes(10)).param("id", id).update();

        var other = new ImportWorker(jobs, processor, properties(1));
        try {
            other.wake();
            var job = awaitEnd(id, Duration.ofMinutes(2));

            assertCompleted(job, 2940, 60);
            assertThat(errors(id)).isEqualTo(60);
            assertThat(accounts(prefix)).isEqualTo(2940);
            assertThat(memberships(prefix, school)).isEqualTo(2940);
            assertThat(jdbc.sql("select count(*) from import_row where import_id = :id").param("id", id)
                .query(Long.class).single()).as("staged rows are dropped").isZero();
            // Should the stopped instance come back, it no longer owns the job and cannot end it.
            assertThat(jobs.progress(id, dead, 3000)).isFalse();
            assertThat(jobs.complete(id, dead, new io.rollcall.importing.apply.Counts(0, 0, 0, 0, 0, 0, 0))).isFalse();
            // Nor can it stage rows or add row errors, or fail the job and clear what it kept.
            try (var reader = RosterReader.open(files.open(jobs.find(id).orElseThrow()), format, 10_000); var staging = stager.open(id, dead)) {
                var validator = new RowValidator(reader.header(), Set.of(school), ',');
                for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                    staging.add(validator.check(row.get()));
                }
                assertThat(staging.finish()).as("a lost import's rows are not kept").isFalse();
            }
            assertThat(errors(id)).isEqualTo(60);
            assertThat(jdbc.sql("select count(*) from import_row where import_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
            assertThat(processor.failAsOwner(id, dead, new FileRejected(ErrorCode.IMPORT_FAILED, "late"))).isFalse();
            assertThat(errors(id)).isEqualTo(60);
            var after = jobs.find(id).orElseThrow();
            assertThat(after.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(after.createdCount()).isEqualTo(2940);
        } finally {
            other.stop();
        }
    }
}
