package io.rollcall.importing;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.rollcall.account.AccountStatistics;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.importing.apply.ApplyRequest;
import io.rollcall.importing.apply.Applier;
import io.rollcall.importing.apply.PersonRows;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.ParsedRow;
import io.rollcall.importing.parse.ReadAhead;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.stage.Repeats;
import io.rollcall.importing.stage.Stager;
import io.rollcall.importing.validate.RowValidator;
import io.rollcall.logging.LogFields;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed import through the pipeline: read the stored file once, parsing and checking
 * each row while staging it, then apply everything in one transaction. A file error found on the
 * way (a broken quote, too many rows, an altered file) fails the import and clears what was staged
 * in one transaction; until the import ends its report shows no rows, so nothing of such a file is
 * ever seen. A file error or a lost claim leaves no account written.
 */
@Component
class ImportProcessor {

    private static final Logger log = LoggerFactory.getLogger(ImportProcessor.class);
    private static final int MAX_APPLY_ATTEMPTS = 5;

    private final ImportJobs jobs;
    private final ChunkStore files;
    private final Stager stager;
    private final Applier applier;
    private final Uploaders uploaders;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ImportMetrics metrics;
    private final long maxRows;
    private final int batchSize;
    private final int maxDeactivatePercent;
    private final AccountStatistics accountStatistics;

    ImportProcessor(ImportJobs jobs, ChunkStore files, Stager stager, Applier applier, Uploaders uploaders,
            TransactionTemplate transactions, AuditLog audit, ImportProperties properties, ImportMetrics metrics,
            AccountStatistics accountStatistics) {
        this.metrics = metrics;
        this.accountStatistics = accountStatistics;
        this.maxDeactivatePercent = properties.syncMaxDeactivatePercent();
        this.jobs = jobs;
        this.files = files;
        this.stager = stager;
        this.applier = applier;
        this.uploaders = uploaders;
        this.transactions = transactions;
        this.audit = audit;
        this.maxRows = properties.maxRows();
        this.batchSize = properties.batchSize();
    }

    /** Processes the import with its id and uploader in the logging context, and counts it in the metrics. */
    void process(ImportJob job, String worker) {
        long started = System.nanoTime();
        MDC.put(LogFields.IMPORT_ID, job.id());
        if (job.uploadedByKey() != null) {
            MDC.put(LogFields.API_KEY_ID, job.uploadedByKey());
        } else if (job.uploadedBy() != null) {
            MDC.put(LogFields.USER_ID, String.valueOf(job.uploadedBy()));
        }
        try {
            run(job, worker);
        } finally {
            try {
                jobs.find(job.id()).ifPresent(end -> metrics.finished(end, Duration.ofNanos(System.nanoTime() - started)));
            } catch (DataAccessException e) {
                // The database is gone: the import's end is the worker's concern, not the metrics'.
            }
            LogFields.clear();
        }
    }

    private void run(ImportJob job, String worker) {
        var id = job.id();
        try {
            long started = System.nanoTime();
            stager.clear(id);
            var authorized = uploaders.authorizedSchools(job);
            LogFields.school(authorized);
            var stagedRows = stage(job, job.format(), worker, authorized);
            if (stagedRows.isEmpty()) {
                return;
            }
            long staged = System.nanoTime();
            var request = new ApplyRequest(id, authorized, uploaders.isOperator(job),
                job.customPasswordHash(), job.dryRun(), job.sendWelcomeEmails(), job.importMode() == ImportMode.SYNC,
                job.confirmLargeSync(), maxDeactivatePercent,
                job.sourceFormat() == RosterSource.ONEROSTER ? PersonRows.ONE_PER_SCHOOL : PersonRows.ONE,
                stagedRows.get().repeats(), stagedRows.get().schools());
            var completed = applyWithRetry(request, worker);
            long applied = System.nanoTime();
            if (Boolean.TRUE.equals(completed)) {
                var done = jobs.find(id);
                done.ifPresent(ended -> audit.record(AuditEvent.IMPORT_FINISHED, uploaders.label(job),
                    id, "COMPLETED: created=" + ended.createdCount() + " updated=" + ended.updatedCount() + " unchanged="
                        + ended.unchangedCount() + " failed=" + ended.failedCount() + " dryRun=" + ended.dryRun()));
                dropStagedRows(id);
                done.filter(ended -> !ended.dryRun()).ifPresent(ended -> accountStatistics.refreshAfter(
                    (long) ended.createdCount() + ended.updatedCount() + ended.deactivatedCount()));
            }
            long cleanedUp = System.nanoTime();
            if (Boolean.TRUE.equals(completed)) {
                metrics.stages(started, staged, applied, cleanedUp);
            }
            log.info("Import {}: {} rows; read and staged in {} ms, applied in {} ms, cleaned up in {} ms", id,
                stagedRows.get().rows(), millis(started, staged), millis(staged, applied), millis(applied, cleanedUp));
        } catch (FileRejected e) {
            if (failAsOwner(id, worker, e)) {
                audit.record(AuditEvent.IMPORT_FINISHED, uploaders.label(job), id, "FAILED: " + e.code());
            }
        } catch (RuntimeException | IOException e) {
            var logId = UUID.randomUUID().toString().substring(0, 8);
            log.error("Import {} failed (log id {})", id, logId, e);
            failAsOwner(id, worker, new FileRejected(ErrorCode.IMPORT_FAILED,
                "The import failed unexpectedly and nothing was written (log id " + logId + "). Try again later"));
        }
    }

    /**
     * Ends the job as FAILED and clears what it staged, in one transaction, but only while this
     * worker still owns it: a job taken over meanwhile, and what it staged, belong to the new worker.
     */
    boolean failAsOwner(String id, String worker, FileRejected error) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!jobs.fail(id, worker, error)) {
                return false;
            }
            stager.clear(id);
            return true;
        }));
    }

    // The import has completed: a failure here (the instance stopping during the delete of ten million
    // rows, say) changes nothing of it, and the retention round removes what is left. The space goes
    // back at once, not at the next autovacuum: the next import's checks would read the dead rows.
    private void dropStagedRows(String id) {
        try {
            stager.reclaimSpace(stager.dropRows(id));
        } catch (DataAccessException e) {
            log.warn("Import {} completed, but its staged rows could not be removed now ({}); the retention round"
                + " removes them", id, e.getMostSpecificCause().getMessage());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    // Concurrent imports touching the same accounts can deadlock in the database; the loser retries.
    private Boolean applyWithRetry(ApplyRequest request, String worker) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    var counts = applier.apply(request, status);
                    if (!jobs.complete(request.importId(), worker, counts)) {
                        status.setRollbackOnly();
                        return false;
                    }
                    return true;
                });
            } catch (TransientDataAccessException e) {
                if (attempt == MAX_APPLY_ATTEMPTS) {
                    throw e;
                }
                log.info("Import {} met a concurrent import in the database; retrying ({})", request.importId(), attempt);
            }
        }
    }

    private record Staged(long rows, Repeats repeats, Set<String> schools) {
    }

    /**
     * Parses, checks and stages every row in one read of the file; the number of data rows and
     * whether keys may repeat, or empty when another worker took the job over. Until the end the
     * total shown is estimated from the share of the file read.
     */
    private Optional<Staged> stage(ImportJob job, RosterFormat format, String worker, Set<String> authorized) throws IOException {
        var id = job.id();
        var progress = new ReadingProgress(job.fileSize());
        try (var reader = RosterReader.open(progress.count(files.open(job)), format, maxRows)) {
            var header = reader.header();
            var bundle = BundleActions.of(header, authorized);
            for (var unknown : header.unknownColumns()) {
                if (!BundleActions.isActionColumn(unknown)) {
                    stager.warn(id, 1, null, ErrorCode.UNKNOWN_COLUMN.name(), "Unknown column \"" + unknown + "\" was ignored");
                }
            }
            var validator = new RowValidator(header, authorized, format.delimiter());
            var hint = format.charsetGuessed() ? new EncodingHint(header) : null;
            try (var rows = new ReadAhead(() -> counted(reader.next(), progress), "import-reader");
                    var staging = stager.open(id, worker)) {
                long processed = 0;
                for (var row = rows.next(); row.isPresent(); row = rows.next()) {
                    if (hint != null) {
                        hint.look(row.get());
                    }
                    if (bundle.isEmpty()) {
                        staging.add(validator.check(row.get()));
                    } else {
                        bundle.get().route(row.get(), validator).ifPresent(staging::add);
                    }
                    if (++processed % batchSize == 0
                            && !jobs.progress(id, worker, processed, progress.estimatedRows(processed, maxRows))) {
                        return Optional.empty();
                    }
                }
                if (hint != null) {
                    stager.warn(id, 1, null, ErrorCode.ENCODING_GUESSED.name(), hint.message(format));
                }
                if (bundle.isPresent() && !(stager.stageRemovals(id, worker, bundle.get().removals())
                        && stager.warnAll(id, worker, bundle.get().warnings()))) {
                    return Optional.empty();
                }
                return staging.finish() && jobs.progress(id, worker, processed, processed)
                    ? Optional.of(new Staged(processed, staging.repeats(), staging.schools())) : Optional.empty();
            }
        }
    }

    private static Optional<ParsedRow> counted(Optional<ParsedRow> row, ReadingProgress progress) {
        if (row.isPresent()) {
            progress.row();
        }
        return row;
    }
}
