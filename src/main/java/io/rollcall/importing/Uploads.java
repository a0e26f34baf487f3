package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.rollcall.account.PasswordPolicy;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.oneroster.OneRosterBundle;
import io.rollcall.importing.parse.FileEncoding;
import io.rollcall.importing.oneroster.ProcessingMode;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.parse.FormatSniffer;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.parse.Utf8Check;
import io.rollcall.school.SchoolRepository;
import io.rollcall.secret.Secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Takes an upload of the Create Users import: checks its options and its header at once, stores
 * the file and queues it for a background worker. Knows nothing of HTTP: a stream and plain values
 * in, the queued import out. Thread-safe.
 */
@Service
public class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final java.time.Duration IDEMPOTENCY_WINDOW = java.time.Duration.ofHours(24);

    private final ImportJobs jobs;
    private final ChunkStore files;
    private final ImportWorker worker;
    private final ImportReports importReports;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final SchoolRepository schools;
    private final java.time.Clock clock;
    private final long maxFileBytes;
    private final long maxRows;
    private final Path spoolDirectory;
    private final long maxStoredBytesPerSchool;

    Uploads(ImportJobs jobs, ChunkStore files, ImportWorker worker, ImportReports importReports,
            PasswordEncoder passwordEncoder, TransactionTemplate transactions, AuditLog audit,
            SchoolRepository schools, java.time.Clock clock,
            ImportProperties properties) {
        this.jobs = jobs;
        this.files = files;
        this.worker = worker;
        this.importReports = importReports;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.audit = audit;
        this.schools = schools;
        this.clock = clock;
        this.maxFileBytes = properties.maxFileSize().toBytes();
        this.maxRows = properties.maxRows();
        this.spoolDirectory = properties.spoolDirectory();
        this.maxStoredBytesPerSchool = properties.maxStoredPerSchool().toBytes();
    }

    /**
     * Accepts an upload: checks the options and the header, stores the file and queues the import.
     *
     * @return the queued import
     * @throws FileRejected when the header is unusable (nothing is stored)
     * @throws RollcallException INVALID_PASSWORD, FILE_TOO_LARGE or FORBIDDEN
     */
    public ImportReport submit(InputStream upload, ImportRequest request, CurrentUser uploader) throws IOException {
        return submit(upload, request, uploader, null).report();
    }

    /** An upload taken: the import, and whether it is the first one of an earlier upload with the same key. */
    public record Submission(ImportReport report, boolean replayed) {
    }

    /**
     * {@link #submit(InputStream, ImportRequest, CurrentUser)} with an Idempotency-Key: a retry of the
     * same file with the same key by the same caller within 24 hours returns the first import
     * instead of importing again.
     *
     * @param idempotencyKey null or blank for none; at most 255 characters
     * @throws RollcallException also IDEMPOTENCY_KEY_REUSED for the key of another file, INVALID_REQUEST
     *     for a key over 255 characters
     */
    public Submission submit(InputStream upload, ImportRequest request, CurrentUser uploader, String idempotencyKey)
            throws IOException {
        var key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > MAX_IDEMPOTENCY_KEY) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "The Idempotency-Key header is at most "
                + MAX_IDEMPOTENCY_KEY + " characters; nothing was imported");
        }
        if (!uploader.isAdmin()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only school admins and operators can import users");
        }
        if (request.hasCustomPassword()) {
            PasswordPolicy.check(request.customPassword());
        }
        var spool = createSpool();
        Path converted = null;
        try {
            // One pass over the upload: stored in the spool, measured, digested and checked for UTF-8.
            var utf8 = new Utf8Check();
            var uploaded = copyWithLimit(upload, spool, utf8);
            var stored = uploaded;
            var file = spool;
            var source = RosterSource.CSV;
            if (OneRosterBundle.isBundle(spool)) {
                // A OneRoster bundle is stored as the Rollcall CSV it converts to; its users.csv numbers the rows.
                converted = createSpool();
                // An org names a school only where the uploader may import: another school's org reads as
                // one that names none (its sourcedId), so a bundle cannot tell which schoolIDs exist.
                var conversion = OneRosterBundle.convert(spool, converted, maxFileBytes, maxRows,
                    schoolId -> uploader.canAdminister(schoolId) && schools.find(schoolId).isPresent());
                file = converted;
                utf8 = new Utf8Check();
                stored = digest(converted, utf8);
                source = RosterSource.ONEROSTER;
                if (conversion.usersMode() == ProcessingMode.BULK) {
                    request = request.asSync();
                }
            }
            if (key != null) {
                var earlier = earlierWithKey(uploader, key, uploaded);
                if (earlier.isPresent()) {
                    return new Submission(earlier.get(), true);
                }
            }
            checkQuota(uploader, stored.size());
            var opened = file;
            // A bundle's CSV files are UTF-8 by the standard (the converter checks them): the encoding option is for CSV files.
            RosterFormat format = FormatSniffer.sniff(() -> open(opened),
                source == RosterSource.ONEROSTER ? FileEncoding.UTF_8 : request.encoding(), utf8);
            try (var reader = RosterReader.open(open(file), format, maxRows)) {
                reader.header();
            }
            var hash = request.hasCustomPassword() ? passwordEncoder.encode(request.customPassword()) : null;
            var id = UUID.randomUUID().toString();
            var accepted = request;
            var kind = source;
            var storedFile = stored;
            try {
                transactions.executeWithoutResult(status -> {
                    jobs.insert(id, uploader, uploader.operator() ? java.util.Set.of() : uploader.adminSchools(),
                        accepted, storedFile, format, hash, kind);
                    if (key != null) {
                        jobs.setIdempotencyKey(id, key, uploaded.sha256());
                    }
                });
            } catch (DuplicateKeyException e) {
                // The same key, sent again at the same moment: the other request's import is the one.
                var earlier = earlierWithKey(uploader, key, uploaded);
                if (earlier.isPresent()) {
                    return new Submission(earlier.get(), true);
                }
                throw e;
            }
            storeFile(id, file);
            audit.record(AuditEvent.IMPORT_STARTED, uploader.email(), id,
                "file " + request.fileName() + ", " + stored.size() + " bytes, sendWelcomeEmails=" + request.sendWelcomeEmails()
                    + ", customPassword=" + (hash != null ? "set" : "none") + ", dryRun=" + request.dryRun());
            // Not the file's name: it is the uploader's words, and may name a person.
            log.info("Import {} queued: {} bytes, dryRun={}", id, stored.size(), request.dryRun());
            worker.wake();
            return new Submission(importReports.report(jobs.find(id).orElseThrow(), uploader), false);
        } finally {
            Files.deleteIfExists(spool);
            if (converted != null) {
                Files.deleteIfExists(converted);
            }
        }
    }

    // The size, digest and UTF-8 check of a file written here (a converted bundle), as copyWithLimit gives them of an upload.
    private StoredFile digest(Path file, Utf8Check utf8) {
        var digest = Secrets.sha256();
        try (var in = Files.newInputStream(file)) {
            var buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                utf8.update(buffer, 0, n);
            }
            return new StoredFile(Files.size(file), java.util.HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw storageUnavailable(e);
        }
    }

    // The caller's import with this key from the last 24 hours: the same file is that import; another is refused.
    private java.util.Optional<ImportReport> earlierWithKey(CurrentUser uploader, String key, StoredFile stored) {
        var cutoff = java.time.OffsetDateTime.now(clock).minus(IDEMPOTENCY_WINDOW);
        jobs.releaseIdempotencyKey(uploader, key, cutoff);
        var earlier = jobs.findByIdempotencyKey(uploader, key, cutoff);
        if (earlier.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!stored.sha256().equals(earlier.get().fileSha256())) {
            throw new RollcallException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for another"
                + " file in the last 24 hours (import " + earlier.get().id() + "); nothing was imported. Use a new key"
                + " for a new file");
        }
        if (earlier.get().status() == ImportStatus.RECEIVING) {
            throw new RollcallException(ErrorCode.IMPORT_RUNNING, "The first upload with this Idempotency-Key is still"
                + " being received; nothing was imported. Try again in a moment");
        }
        return jobs.find(earlier.get().id()).map(job -> importReports.report(job, uploader));
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

    private StoredFile copyWithLimit(InputStream upload, Path spool, Utf8Check utf8) {
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
                utf8.update(buffer, 0, n);
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
}
