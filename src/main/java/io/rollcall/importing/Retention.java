package io.rollcall.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.db.ClusterLock;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.stage.Stager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.rollcall.privacy.RetentionProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Uploaded rosters are personal data (often about minors): the file, staged rows and the row
 * contents behind errors and warnings are purged once an import is {@code rollcall.retention.imports}
 * old (30 days by default), or at once by an operator. Counts, codes and messages without row
 * contents stay, so the history still reads.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Duration keep;
    private final Duration keepDryRuns;
    private final ImportJobs jobs;
    private final ImportPurge purge;
    private final ClusterLock clusterLock;
    private final Stager stager;

    Retention(JdbcClient jdbc, ImportJobs jobs, ImportPurge purge, ClusterLock clusterLock, Clock clock, AuditLog audit,
            RetentionProperties retention, Stager stager) {
        this.stager = stager;
        this.jobs = jobs;
        this.purge = purge;
        this.clusterLock = clusterLock;
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.keep = retention.imports();
        this.keepDryRuns = retention.dryRuns();
    }

    /** One instance of a cluster purges at a time; the others skip the round. */
    @Scheduled(fixedDelayString = "${rollcall.retention.interval:1h}", initialDelayString = "1m")
    void purgeExpired() {
        clusterLock.runIfFree("import-retention", this::purgeExpiredNow);
    }

    private void purgeExpiredNow() {
        var now = OffsetDateTime.now(clock);
        record Expired(String id, boolean dryRun) {
        }
        // A dry run's file is kept only for the admin's next step (the real upload), not for a month.
        var expired = jdbc.sql("""
                select id, dry_run from import_job where purged_at is null and status in ('COMPLETED', 'FAILED')
                    and (finished_at < :cutoff or (dry_run = true and finished_at < :dryRunCutoff))""")
            .param("cutoff", now.minus(keep)).param("dryRunCutoff", now.minus(keepDryRuns))
            .query(Expired.class).list();
        int purged = 0;
        for (var job : expired) {
            // Audited only when this purge did it, not when an operator or an erasure just had.
            if (purge.purge(job.id()) == ImportPurge.Outcome.PURGED) {
                purged++;
                audit.record(AuditEvent.IMPORT_PURGED, null, job.id(), "retention of "
                    + (job.dryRun() ? keepDryRuns.toHours() + " hours for a dry run" : keep.toDays() + " days"));
            }
        }
        // Staged rows an ended import's worker could not drop (its instance stopped meanwhile): the
        // report never reads them, so they go now, not at the end of the retention period.
        removeLeftoverStaging();
        // Uploads whose instance stopped while it stored them: never queued, never seen, deleted whole.
        var abandoned = jdbc.sql("select id from import_job where status = 'RECEIVING' and created_at < :cutoff")
            .param("cutoff", now.minus(ABANDONED_AFTER)).query(String.class).list();
        abandoned.forEach(jobs::discard);
        if (purged > 0) {
            log.info("Purged the personal data of {} import(s) older than {} days", purged, keep.toDays());
        }
    }

    private void removeLeftoverStaging() {
        try {
            int leftover = stager.dropRowsOfEndedImports();
            if (leftover > 0) {
                log.info("Removed {} staged rows left behind by ended imports", leftover);
                stager.reclaimSpace(leftover);
            }
        } catch (DataAccessException e) {
            // Say, a deadlock with a worker dropping the same rows: the next round finishes it.
            log.warn("Staged rows of ended imports not removed this round: {}", e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * Purges the import's personal data now (operators only): the file and row contents go, the
     * counts and error codes stay.
     *
     * @return false when there is no such import
     * @throws RollcallException IMPORT_RUNNING while the import is queued or running: its file is
     *     still being read
     */
    public boolean purgeNow(String id, CurrentUser viewer) {
        if (!viewer.operator()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only operators can purge an import");
        }
        if (jobs.find(id).isEmpty()) {
            return false;
        }
        switch (purge.purge(id)) {
            case RUNNING -> throw new RollcallException(ErrorCode.IMPORT_RUNNING,
                "The import is still queued or running; purge it once it has finished");
            case PURGED -> audit.record(AuditEvent.IMPORT_PURGED, viewer.email(), id,
                "by an operator");
            case ALREADY_PURGED -> { }
        }
        return true;
    }
}
