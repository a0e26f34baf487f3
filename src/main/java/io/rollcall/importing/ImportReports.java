package io.rollcall.importing;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

import io.rollcall.auth.CurrentUser;
import io.rollcall.importing.parse.FileEncoding;
import io.rollcall.importing.report.ReportRepository;
import io.rollcall.importing.report.RowScope;
import io.rollcall.mail.WelcomeEmailQueue;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;

import org.springframework.stereotype.Service;

/**
 * Reads imports back as their viewers may see them: the report with its counts, the row errors
 * and warnings of the viewer's schools, the list of recent imports. Another school's import is
 * not found. Thread-safe.
 */
@Service
public class ImportReports {

    private final ImportJobs jobs;
    private final ReportRepository reports;
    private final Uploaders uploaders;
    private final WelcomeEmailQueue welcomeEmails;

    ImportReports(ImportJobs jobs, ReportRepository reports, Uploaders uploaders, WelcomeEmailQueue welcomeEmails) {
        this.jobs = jobs;
        this.reports = reports;
        this.uploaders = uploaders;
        this.welcomeEmails = welcomeEmails;
    }

    /** The import's report, when the viewer may see it, with the rows the viewer may read. */
    public java.util.Optional<ImportReport> find(String id, CurrentUser viewer) {
        return visibleJob(id, viewer).map(job -> report(job, viewer));
    }

    java.util.Optional<ImportJob> visibleJob(String id, CurrentUser viewer) {
        if (!jobs.isVisible(id, viewer)) {
            return java.util.Optional.empty();
        }
        return jobs.find(id);
    }

    // Operators read every row; a school admin the rows of their schools, and their own upload's
    // rows that named no school of theirs.
    static RowScope scope(ImportJob job, CurrentUser viewer) {
        return viewer.operator() ? RowScope.everything()
            : RowScope.of(viewer.adminSchools(), job.isUploader(viewer));
    }

    /** Who uploaded each of the imports (id to email, or {@code key 'name'}), for history pages: pass only ids of imports the viewer may see. */
    public java.util.Map<String, String> uploaderEmails(java.util.Collection<String> ids) {
        return uploaders.labels(jobs.uploaders(ids));
    }

    /**
     * The uploads that deactivated the person at the school (full-roster uploads, OneRoster
     * tobedeleted rows; not dry runs), as lines of their history, with who uploaded each.
     */
    public List<io.rollcall.account.PersonHistory.Entry> syncDeactivations(String schoolId, String email) {
        var syncs = jobs.syncDeactivations(schoolId, email);
        var labels = uploaders.labels(syncs.stream().map(sync -> new ImportJobs.Uploader(sync.importId(),
            sync.uploadedBy(), sync.uploadedByKey())).toList());
        return syncs.stream().map(sync -> new io.rollcall.account.PersonHistory.Entry(sync.finishedAt(),
            sync.importMode() == ImportMode.SYNC ? "Deactivated by a full-roster upload"
                : "Deactivated by an upload (tobedeleted in a OneRoster bundle)", labels.get(sync.importId()),
            sync.importId())).toList();
    }

    /** Recent imports the viewer may see, newest first; row errors are left out of list entries. */
    public Page<ImportReport> list(CurrentUser viewer, PageRequest request) {
        var items = new ArrayList<ImportReport>();
        var visible = jobs.visible(viewer, request);
        var emails = welcomeEmails.sent(visible.stream().map(ImportJob::id).toList());
        for (var job : visible) {
            items.add(toReport(job, List.of(), job.errorCount(), List.of(), job.deactivatedCount(), List.of(),
                emails.getOrDefault(job.id(), new WelcomeEmailQueue.Sent(0, 0))));
        }
        return new Page<>(items, jobs.countVisible(viewer), request.page(), request.size());
    }

    /** A page of the import's errors the viewer may read, sorted by row; empty when the viewer may not see it. */
    public java.util.Optional<Page<ImportReport.ReportedError>> errors(String id, CurrentUser viewer,
            PageRequest request) {
        return visibleJob(id, viewer).map(job -> {
            if (!job.status().hasEnded()) {
                return new Page<>(List.of(), 0, request.page(), request.size());
            }
            var scope = scope(job, viewer);
            return new Page<>(reports.errors(id, scope, request), reports.errorCount(id, scope), request.page(),
                request.size());
        });
    }

    // A running import's rows show once it has ended: a file refused halfway through (too many
    // rows, a broken quote) then shows none of the rows read before, since they are cleared with it.
    ImportReport report(ImportJob job, CurrentUser viewer) {
        if (!job.status().hasEnded()) {
            return toReport(job, List.of(), 0, List.of(), 0, List.of(), welcomeEmails.sent(job.id()));
        }
        var scope = scope(job, viewer);
        var id = job.id();
        return toReport(job, reports.errors(id, scope, new PageRequest(0, ReportRepository.MAX_ERRORS_SHOWN)),
            scope.all() ? job.errorCount() : reports.errorCount(id, scope), reports.warnings(id, scope),
            scope.all() ? job.deactivatedCount() : reports.deactivationCount(id, scope),
            reports.deactivations(id, scope, new PageRequest(0, ReportRepository.MAX_ERRORS_SHOWN)), welcomeEmails.sent(id));
    }

    /** A page of the members the import deactivated that the viewer may read; empty when the viewer may not see it. */
    public java.util.Optional<Page<ImportReport.Deactivation>> deactivations(String id, CurrentUser viewer,
            PageRequest request) {
        return visibleJob(id, viewer).map(job -> {
            var scope = scope(job, viewer);
            return new Page<>(reports.deactivations(id, scope, request), reports.deactivationCount(id, scope),
                request.page(), request.size());
        });
    }

    private ImportReport toReport(ImportJob job, List<ImportReport.ReportedError> errors, int errorCount,
            List<ImportReport.Warning> warnings, int deactivated, List<ImportReport.Deactivation> deactivations,
            WelcomeEmailQueue.Sent emails) {
        var fileError = job.fileErrorCode() == null ? null : new ImportReport.FileError(job.fileErrorCode(),
            job.fileErrorMessage(), job.fileErrorFields() == null ? List.of() : List.of(job.fileErrorFields().split(",")));
        return new ImportReport(job.id(), job.status(), job.fileName(),
            FileEncoding.labelOf(Charset.forName(job.charset())), job.importMode().label(), job.dryRun(),
            job.sendWelcomeEmails(),
            job.customPasswordHash() != null, job.totalRows() == null ? 0 : job.totalRows(), job.processedRows(),
            job.createdCount(), job.updatedCount(), job.unchangedCount(), job.failedCount(), job.emailsQueued(),
            emails.sent(), emails.failed(), fileError, errors, errorCount, warnings, deactivated, deactivations,
            job.createdAt(), job.finishedAt());
    }
}
