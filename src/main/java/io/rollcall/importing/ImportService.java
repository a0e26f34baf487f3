package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import de.siegmar.fastcsv.writer.CsvWriter;

import io.rollcall.account.AccountRepository;
import io.rollcall.account.PasswordPolicy;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.FormatSniffer;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.ImportReport;
import io.rollcall.importing.report.ReportRepository;
import io.rollcall.importing.report.RowScope;
import io.rollcall.mail.WelcomeEmailQueue;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;
import io.rollcall.secret.Secrets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The Create Users import: takes an uploaded roster, checks its header at once, stores it and
 * queues it for a background worker; reads back reports, errors and failed rows. Knows nothing of
 * HTTP: a stream and plain values in, reports out. Thread-safe.
 */
@Service
public class ImportService {

    private final ImportJobs jobs;
    private final ChunkStore files;
    private final ReportRepository reports;
    private final ImportWorker worker;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final Retention retention;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportService.class);

    private final long maxFileBytes;
    private final long maxRows;
    private final Path spoolDirectory;
    private final long maxStoredBytesPerSchool;
    private final WelcomeEmailQueue welcomeEmails;

    ImportService(ImportJobs jobs, ChunkStore files, ReportRepository reports, ImportWorker worker,
            PasswordEncoder passwordEncoder, TransactionTemplate transactions, AuditLog audit,
            AccountRepository accounts, Retention retention,
            @Value("${rollcall.import.max-file-size:100MB}") DataSize maxFileSize,
            @Value("${rollcall.import.max-rows:1000000}") long maxRows,
            @Value("${rollcall.import.spool-directory:${java.io.tmpdir}}") Path spoolDirectory,
            @Value("${rollcall.import.max-stored-per-school:2GB}") DataSize maxStoredPerSchool,
            WelcomeEmailQueue welcomeEmails) {
        this.maxStoredBytesPerSchool = maxStoredPerSchool.toBytes();
        this.welcomeEmails = welcomeEmails;
        this.jobs = jobs;
        this.files = files;
        this.reports = reports;
        this.worker = worker;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.audit = audit;
        this.accounts = accounts;
        this.retention = retention;
        this.maxFileBytes = maxFileSize.toBytes();
        this.maxRows = maxRows;
        this.spoolDirectory = spoolDirectory;
    }

    /**
     * Accepts an upload: checks the options and the header, stores the file and queues the import.
     *
     * @return the queued import
     * @throws FileRejected when the header is unusable (nothing is stored)
     * @throws RollcallException INVALID_PASSWORD, FILE_TOO_LARGE or FORBIDDEN
     */
    public ImportReport submit(InputStream upload, ImportRequest request, CurrentUser uploader) throws IOException {
        if (!uploader.isAdmin()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only school admins and operators can import users");
        }
        if (request.hasCustomPassword()) {
            PasswordPolicy.check(request.customPassword());
        }
        var spool = createSpool();
        try {
            var stored = copyWithLimit(upload, spool);
            checkQuota(uploader, stored.size());
            RosterFormat format = FormatSniffer.sniff(() -> open(spool));
            try (var reader = RosterReader.open(open(spool), format, maxRows)) {
                reader.header();
            }
            var hash = request.hasCustomPassword() ? passwordEncoder.encode(request.customPassword()) : null;
            var id = UUID.randomUUID().toString();
            transactions.executeWithoutResult(status -> jobs.insert(id, uploader.accountId(),
                uploader.operator() ? java.util.Set.of() : uploader.adminSchools(), request, stored,
                format.charset().name(), format.bomLength(), format.delimiter(), hash));
            storeFile(id, spool);
            audit.record(AuditEvent.IMPORT_STARTED, accounts.emailOf(uploader.accountId()), id,
                "file " + request.fileName() + ", " + stored.size() + " bytes, sendWelcomeEmails=" + request.sendWelcomeEmails()
                    + ", customPassword=" + (hash != null ? "set" : "none") + ", dryRun=" + request.dryRun());
            worker.wake();
            return report(jobs.find(id).orElseThrow(), uploader);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    // Uploads are kept until their retention ends: each school's share of the database is capped.
    private void checkQuota(CurrentUser uploader, long size) {
        if (uploader.operator()) {
            return;
        }
        for (var school : uploader.adminSchools()) {
            long stored = jobs.storedBytes(school);
            if (stored + size > maxStoredBytesPerSchool) {
                throw new RollcallException(ErrorCode.STORAGE_QUOTA_EXCEEDED, "School " + school + " already keeps "
                    + DataSize.ofBytes(stored).toMegabytes() + " MB of uploaded files, and at most "
                    + DataSize.ofBytes(maxStoredBytesPerSchool).toMegabytes() + " MB are kept per school; nothing was"
                    + " imported. Older uploads are deleted after the retention period, or an account manager can"
                    + " purge them now");
            }
        }
    }

    // Chunk by chunk, then queued; an upload that cannot be stored whole leaves nothing behind.
    private void storeFile(String id, Path spool) {
        try {
            files.store(id, spool);
            jobs.queue(id);
        } catch (IOException | RuntimeException e) {
            try {
                jobs.discard(id);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof IOException io) {
                throw storageUnavailable(io);
            }
            throw (RuntimeException) e;
        }
    }

    private Path createSpool() {
        try {
            Files.createDirectories(spoolDirectory);
            return Files.createTempFile(spoolDirectory, "rollcall-upload-", ".csv");
        } catch (IOException e) {
            throw storageUnavailable(e);
        }
    }

    private StoredFile copyWithLimit(InputStream upload, Path spool) {
        long size = 0;
        var digest = Secrets.sha256();
        OutputStream out;
        try {
            out = Files.newOutputStream(spool);
        } catch (IOException e) {
            throw storageUnavailable(e);
        }
        try (out) {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = read(upload, buffer)) > 0) {
                size += n;
                if (size > maxFileBytes) {
                    throw new RollcallException(ErrorCode.FILE_TOO_LARGE,
                        "The file is larger than " + DataSize.ofBytes(maxFileBytes).toMegabytes() + " MB");
                }
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw storageUnavailable(e);
        }
        return new StoredFile(size, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    // A client that goes away mid-upload is not a storage problem: say what happened.
    private static int read(InputStream upload, byte[] buffer) {
        try {
            return upload.read(buffer);
        } catch (IOException e) {
            throw new RollcallException(ErrorCode.MISSING_PART,
                "The upload ended before the whole file arrived; nothing was imported. Upload it again");
        }
    }

    private RollcallException storageUnavailable(IOException cause) {
        log.error("Could not store an upload in {}", spoolDirectory, cause);
        return new RollcallException(ErrorCode.STORAGE_UNAVAILABLE,
            "The upload could not be stored (the server may be out of disk space); nothing was imported. Try again later");
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The import's report, when the viewer may see it, with the rows the viewer may read. */
    public java.util.Optional<ImportReport> find(String id, CurrentUser viewer) {
        return visibleJob(id, viewer).map(job -> report(job, viewer));
    }

    private java.util.Optional<ImportJob> visibleJob(String id, CurrentUser viewer) {
        if (!jobs.isVisible(id, viewer)) {
            return java.util.Optional.empty();
        }
        return jobs.find(id);
    }

    // Operators read every row; a school admin the rows of their schools, and their own upload's
    // rows that named no school of theirs.
    private static RowScope scope(ImportJob job, CurrentUser viewer) {
        return viewer.operator() ? RowScope.everything()
            : RowScope.of(viewer.adminSchools(), job.uploadedBy() == viewer.accountId());
    }

    /** Who uploaded each of the imports (id to email), for history pages: pass only ids of imports the viewer may see. */
    public java.util.Map<String, String> uploaderEmails(java.util.Collection<String> ids) {
        var uploaders = jobs.uploaders(ids);
        var emails = accounts.emailsOf(uploaders.values());
        var byImport = new java.util.HashMap<String, String>();
        uploaders.forEach((id, account) -> byImport.put(id, emails.get(account)));
        return byImport;
    }

    /** Recent imports the viewer may see, newest first; row errors are left out of list entries. */
    public Page<ImportReport> list(CurrentUser viewer, PageRequest request) {
        var items = new ArrayList<ImportReport>();
        var visible = jobs.visible(viewer, request);
        var emails = welcomeEmails.sent(visible.stream().map(ImportJob::id).toList());
        for (var job : visible) {
            items.add(toReport(job, List.of(), job.errorCount(), List.of(), emails.getOrDefault(job.id(), new WelcomeEmailQueue.Sent(0, 0))));
        }
        return new Page<>(items, jobs.countVisible(viewer), request.page(), request.size());
    }

    /** A page of the import's errors the viewer may read, sorted by row; empty when the viewer may not see it. */
    public java.util.Optional<Page<ImportReport.ReportedError>> errors(String id, CurrentUser viewer,
            PageRequest request) {
        return visibleJob(id, viewer).map(job -> {
            var scope = scope(job, viewer);
            return new Page<>(reports.errors(id, scope, request), reports.errorCount(id, scope), request.page(),
                request.size());
        });
    }

    /** @throws RollcallException DATA_PURGED when the import's rows were purged */
    public void ensureRowsKept(String id) {
        if (retention.isPurged(id)) {
            throw new RollcallException(ErrorCode.DATA_PURGED,
                "The rows of this import were deleted after the retention period; only its counts remain");
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
    public boolean purge(String id, CurrentUser viewer) {
        if (!viewer.operator()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only operators can purge an import");
        }
        if (jobs.find(id).isEmpty()) {
            return false;
        }
        switch (retention.purge(id)) {
            case RUNNING -> throw new RollcallException(ErrorCode.IMPORT_RUNNING,
                "The import is still queued or running; purge it once it has finished");
            case PURGED -> audit.record(AuditEvent.IMPORT_PURGED, accounts.emailOf(viewer.accountId()), id,
                "by an operator");
            case ALREADY_PURGED -> { }
        }
        return true;
    }

    /**
     * Writes the failed rows the viewer may read as uploaded, the original header plus an
     * {@code error} column, as CSV. Cells are echoed exactly for the uploader (the file is theirs and
     * must round-trip); for anyone else a cell that a spreadsheet would run as a formula is defused.
     *
     * @return false when the viewer may not see the import
     */
    public boolean writeFailedRows(String id, CurrentUser viewer, OutputStream out) throws IOException {
        var job = visibleJob(id, viewer);
        if (job.isEmpty()) {
            return false;
        }
        var scope = scope(job.get(), viewer);
        var echo = job.get().uploadedBy() == viewer.accountId() ? Echo.EXACT : Echo.DEFUSED;
        ensureRowsKept(id);
        var format = new RosterFormat(Charset.forName(job.get().charset()), job.get().bomLength(),
            job.get().delimiter().charAt(0));
        var writer = CsvWriter.builder().build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        if (job.get().status() != ImportStatus.COMPLETED) {
            writer.flush();
            return true;
        }
        // Read-only transaction: lets PostgreSQL stream the errors of a file of any size.
        readOnly.executeWithoutResult(status -> writeFailedRows(job.get(), scope, echo, format, writer));
        writer.flush();
        return true;
    }

    /** How uploaded cells are written back: exactly, or with formulas defused (see {@link FormulaGuard}). */
    private enum Echo {
        EXACT,
        DEFUSED
    }

    private void writeFailedRows(ImportJob job, RowScope scope, Echo echo, RosterFormat format, CsvWriter writer) {
        var id = job.id();
        try (var reader = RosterReader.open(files.open(job), format, Long.MAX_VALUE)) {
            var header = new ArrayList<>(reader.header().cells());
            header.add("error");
            writer.writeRecord(header);
            var next = new java.util.concurrent.atomic.AtomicReference<>(reader.next());
            reports.forEachFailedRow(id, scope, failed -> {
                var row = next.get();
                while (row.isPresent() && row.get().row() < failed.row()) {
                    row = reader.next();
                }
                next.set(row);
                if (row.isPresent() && row.get().row() == failed.row()) {
                    var cells = new ArrayList<String>();
                    for (var cell : row.get().fields()) {
                        cells.add(echo == Echo.EXACT ? cell : FormulaGuard.neutralize(cell));
                    }
                    while (cells.size() < header.size() - 1) {
                        cells.add("");
                    }
                    cells.add(FormulaGuard.neutralize(failed.message()));
                    writer.writeRecord(cells);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportReport report(ImportJob job, CurrentUser viewer) {
        var scope = scope(job, viewer);
        var id = job.id();
        return toReport(job, reports.errors(id, scope, new PageRequest(0, ReportRepository.MAX_ERRORS_SHOWN)),
            scope.all() ? job.errorCount() : reports.errorCount(id, scope), reports.warnings(id, scope),
            welcomeEmails.sent(id));
    }

    private ImportReport toReport(ImportJob job, List<ImportReport.ReportedError> errors, int errorCount,
            List<ImportReport.Warning> warnings, WelcomeEmailQueue.Sent emails) {
        var fileError = job.fileErrorCode() == null ? null : new ImportReport.FileError(job.fileErrorCode(),
            job.fileErrorMessage(), job.fileErrorFields() == null ? List.of() : List.of(job.fileErrorFields().split(",")));
        return new ImportReport(job.id(), job.status(), job.fileName(), job.dryRun(), job.sendWelcomeEmails(),
            job.customPasswordHash() != null, job.totalRows() == null ? 0 : job.totalRows(), job.processedRows(),
            job.createdCount(), job.updatedCount(), job.unchangedCount(), job.failedCount(), job.emailsQueued(),
            emails.sent(), emails.failed(), fileError, errors, errorCount, warnings, job.createdAt(), job.finishedAt());
    }

}
