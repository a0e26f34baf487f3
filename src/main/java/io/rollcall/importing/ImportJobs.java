package io.rollcall.importing;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.rollcall.auth.CurrentUser;
import io.rollcall.importing.apply.Counts;
import io.rollcall.paging.PageRequest;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.RosterFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import_job table: submission, claiming by workers, progress and the final state. */
@Repository
class ImportJobs {

    private static final String COLUMNS = """
            id, uploaded_by, file_name, file_size, charset, bom_length, delimiter, status, dry_run,
            send_welcome_emails, custom_password_hash, total_rows, processed_rows, created_count, updated_count,
            unchanged_count, failed_count, error_count, emails_queued, file_error_code, file_error_message,
            file_error_fields, created_at, finished_at, file_sha256, charset_guessed, import_mode, confirm_large_sync,
            deactivated_count, uploaded_by_key, source_format""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ImportJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void insert(String id, CurrentUser uploader, java.util.Set<String> schools, ImportRequest request, StoredFile file,
            RosterFormat format, String customPasswordHash, RosterSource source) {
        jdbc.sql("""
                insert into import_job (id, uploaded_by, uploaded_by_key, file_name, file_size, file_sha256, charset, bom_length,
                    delimiter, charset_guessed, status, dry_run, send_welcome_emails, custom_password_hash, created_at,
                    import_mode, confirm_large_sync, source_format)
                values (:id, :uploader, :key, :fileName, :size, :sha256, :charset, :bom, :delimiter, :guessed, 'RECEIVING',
                    :dryRun, :send, :hash, :now, :mode, :confirm, :source)""")
            .param("source", source.name())
            .param("id", id)
            .param("uploader", uploader.isApiKey() ? null : uploader.accountId(), java.sql.Types.BIGINT)
            .param("key", uploader.isApiKey() ? uploader.apiKey().id() : null, java.sql.Types.VARCHAR)
            .param("fileName", request.fileName())
            .param("size", file.size())
            .param("sha256", file.sha256())
            .param("charset", format.charset().name())
            .param("bom", format.bomLength())
            .param("delimiter", String.valueOf(format.delimiter()))
            .param("guessed", format.charsetGuessed())
            .param("mode", request.mode().name())
            .param("confirm", request.confirmLargeSync())
            .param("dryRun", request.dryRun())
            .param("send", request.sendWelcomeEmails())
            .param("hash", customPasswordHash)
            .param("now", now())
            .update();
        // Until its rows name their schools, an import belongs to every school its uploader administers.
        for (var school : schools) {
            jdbc.sql("insert into import_school (import_id, school_id) values (:id, :school)")
                .param("id", id).param("school", school).update();
        }
    }

    /** A roster sync that deactivated a person at a school. */
    record SyncDeactivation(String importId, OffsetDateTime finishedAt, Long uploadedBy, String uploadedByKey,
            ImportMode importMode) {
    }

    List<SyncDeactivation> syncDeactivations(String schoolId, String email) {
        return jdbc.sql("""
                select d.import_id, j.finished_at, j.uploaded_by, j.uploaded_by_key, j.import_mode from import_deactivation d
                join import_job j on j.id = d.import_id
                where d.school_id = :school and lower(d.email) = :key and j.dry_run = false and j.status = 'COMPLETED'
                order by j.finished_at""")
            .param("school", schoolId).param("key", email.trim().toLowerCase(java.util.Locale.ROOT))
            .query(SyncDeactivation.class).list();
    }

    /** The caller's import with that Idempotency-Key since {@code since}: its id, status and file digest. */
    record Keyed(String id, ImportStatus status, String fileSha256) {
    }

    Optional<Keyed> findByIdempotencyKey(CurrentUser uploader, String key, OffsetDateTime since) {
        return jdbc.sql("select id, status, coalesce(upload_sha256, file_sha256) as file_sha256 from import_job where "
                + byUploader(uploader)
                + " and idempotency_key = :key and created_at >= :since")
            .param("uploader", uploaderParam(uploader)).param("key", key).param("since", since)
            .query(Keyed.class).optional();
    }

    /** Frees the caller's key from imports older than {@code before}: after 24 hours it may be used again. */
    void releaseIdempotencyKey(CurrentUser uploader, String key, OffsetDateTime before) {
        jdbc.sql("update import_job set idempotency_key = null where " + byUploader(uploader)
                + " and idempotency_key = :key and created_at < :before")
            .param("uploader", uploaderParam(uploader)).param("key", key).param("before", before).update();
    }

    // A person's uploads, or an API key's.
    private static String byUploader(CurrentUser uploader) {
        return uploader.isApiKey() ? "uploaded_by_key = :uploader" : "uploaded_by = :uploader";
    }

    private static Object uploaderParam(CurrentUser uploader) {
        return uploader.isApiKey() ? uploader.apiKey().id() : uploader.accountId();
    }

    /** Gives the import the caller's key, and the digest of what was uploaded that a retry is compared by. */
    void setIdempotencyKey(String id, String key, String uploadSha256) {
        jdbc.sql("update import_job set idempotency_key = :key, upload_sha256 = :sha where id = :id")
            .param("id", id).param("key", key).param("sha", uploadSha256).update();
    }

    /** Hands a job whose file is stored whole to the workers. */
    void queue(String id) {
        jdbc.sql("update import_job set status = 'QUEUED' where id = :id and status = 'RECEIVING'").param("id", id).update();
    }

    /** Removes a job whose file could not be stored, with what was stored of it. */
    void discard(String id) {
        jdbc.sql("delete from import_file_chunk where import_id = :id").param("id", id).update();
        jdbc.sql("delete from import_job where id = :id and status = 'RECEIVING'").param("id", id).update();
    }

    Optional<ImportJob> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from import_job where id = :id")
            .param("id", id).query(ImportJob.class).optional();
    }

    /**
     * Claims the oldest queued job, or a running one whose worker stopped beating, for this worker.
     * Safe across instances: the conditional update lets exactly one claimant win.
     */
    Optional<ImportJob> claimNext(String worker, Duration staleAfter) {
        var now = now();
        var stale = now.minus(staleAfter);
        List<String> candidates = jdbc.sql("""
                select id from import_job
                where status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < :stale)
                order by created_at limit 10""")
            .param("stale", stale).query(String.class).list();
        for (var id : candidates) {
            int claimed = jdbc.sql("""
                    update import_job set status = 'RUNNING', worker = :worker, heartbeat_at = :now,
                        started_at = coalesce(started_at, :now), processed_rows = 0
                    where id = :id and (status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < :stale))""")
                .param("id", id).param("worker", worker).param("now", now).param("stale", stale)
                .update();
            if (claimed == 1) {
                return find(id);
            }
        }
        return Optional.empty();
    }

    /** Records progress and proves the worker alive; false when another worker took the job over. */
    boolean progress(String id, String worker, long processedRows) {
        return jdbc.sql("""
                update import_job set processed_rows = :processed, heartbeat_at = :now
                where id = :id and worker = :worker and status = 'RUNNING'""")
            .param("id", id).param("worker", worker).param("processed", processedRows).param("now", now())
            .update() == 1;
    }

    /**
     * Records progress and the rows the file has ({@code totalRows}: estimated while it is still
     * being read, exact at its end) and proves the worker alive; false when another worker took the
     * job over.
     */
    boolean progress(String id, String worker, long processedRows, long totalRows) {
        return jdbc.sql("""
                update import_job set processed_rows = :processed, total_rows = :total, heartbeat_at = :now
                where id = :id and worker = :worker and status = 'RUNNING'""")
            .param("id", id).param("worker", worker).param("processed", processedRows).param("total", totalRows)
            .param("now", now())
            .update() == 1;
    }

    void beat(String id, String worker) {
        jdbc.sql("update import_job set heartbeat_at = :now where id = :id and worker = :worker and status = 'RUNNING'")
            .param("id", id).param("worker", worker).param("now", now()).update();
    }

    /**
     * Hands a job this worker owns back to the queue, for another instance to take over at once (a
     * shutdown); what this worker still does with it then fails its owner checks and is rolled back.
     */
    boolean release(String id, String worker) {
        return jdbc.sql("""
                update import_job set status = 'QUEUED', worker = null
                where id = :id and worker = :worker and status = 'RUNNING'""")
            .param("id", id).param("worker", worker).update() == 1;
    }

    /** Ends the job as COMPLETED; false when this worker no longer owns it. */
    boolean complete(String id, String worker, Counts counts) {
        return jdbc.sql("""
                update import_job set status = 'COMPLETED', processed_rows = total_rows,
                    created_count = :created, updated_count = :updated, unchanged_count = :unchanged,
                    failed_count = :failed, error_count = :errors, emails_queued = :emails, finished_at = :now,
                    deactivated_count = :deactivated
                where id = :id and worker = :worker and status = 'RUNNING'""")
            .param("id", id).param("worker", worker)
            .param("created", counts.created()).param("updated", counts.updated())
            .param("unchanged", counts.unchanged()).param("failed", counts.failed())
            .param("errors", counts.errors()).param("emails", counts.emailsQueued())
            .param("deactivated", counts.deactivated())
            .param("now", now())
            .update() == 1;
    }

    /** Ends the job as FAILED; false when this worker no longer owns it. */
    boolean fail(String id, String worker, FileRejected error) {
        return jdbc.sql("""
                update import_job set status = 'FAILED', file_error_code = :code, file_error_message = :message,
                    file_error_fields = :fields, finished_at = :now
                where id = :id and worker = :worker and status = 'RUNNING'""")
            .param("id", id).param("worker", worker)
            .param("code", error.code().name())
            .param("message", error.getMessage())
            .param("fields", error.missingFields().isEmpty() ? null : String.join(",", error.missingFields()))
            .param("now", now())
            .update() == 1;
    }

    /**
     * Imports the viewer may see, newest first: all for operators; for a school admin, those of the
     * schools they administer now (a revoked admin no longer sees even their own uploads there).
     */
    List<ImportJob> visible(CurrentUser viewer, PageRequest request) {
        return visibleTo(viewer, "select " + COLUMNS + " from import_job j where %s"
                + " order by created_at desc, id limit :size offset :offset")
            .param("size", request.size()).param("offset", request.offset())
            .query(ImportJob.class).list();
    }

    long countVisible(CurrentUser viewer) {
        return visibleTo(viewer, "select count(*) from import_job j where %s").query(Long.class).single();
    }

    boolean isVisible(String id, CurrentUser viewer) {
        return visibleTo(viewer, "select count(*) from import_job j where j.id = :id and %s")
            .param("id", id).query(Long.class).single() > 0;
    }

    // The statement with the visibility condition in place of its %s.
    private JdbcClient.StatementSpec visibleTo(CurrentUser viewer, String sql) {
        var condition = "j.status <> 'RECEIVING' and (:operator = true or exists (select 1 from import_school s"
            + " where s.import_id = j.id and s.school_id in (:schools)))";
        // "in ()" is not SQL: no school matches none.
        var schools = viewer.adminSchools().isEmpty() ? List.of("") : List.copyOf(viewer.adminSchools());
        return jdbc.sql(sql.formatted(condition)).param("operator", viewer.operator()).param("schools", schools);
    }

    /** Bytes of uploaded files the school's imports still keep (not yet purged). */
    long storedBytes(String schoolId) {
        return jdbc.sql("""
                select coalesce(sum(j.file_size), 0) from import_job j join import_school s on s.import_id = j.id
                where s.school_id = :school and j.purged_at is null""")
            .param("school", schoolId).query(Long.class).single();
    }

    /** Who uploaded each of the imports: id to the uploader's account. */
    /** Who uploaded an import: an account id or an API key's id. */
    record Uploader(String importId, Long uploadedBy, String uploadedByKey) {
    }

    List<Uploader> uploaders(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id as import_id, uploaded_by, uploaded_by_key from import_job where id in (:ids)")
            .param("ids", ids).query(Uploader.class).list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
