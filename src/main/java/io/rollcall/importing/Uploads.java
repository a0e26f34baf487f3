package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

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
import io.rollcall.secret.Secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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

    private final ImportJobs jobs;
    private final ChunkStore files;
    private final ImportWorker worker;
    private final ImportReports importReports;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final AccountRepository accounts;
    private final long maxFileBytes;
    private final long maxRows;
    private final Path spoolDirectory;
    private final long maxStoredBytesPerSchool;

    Uploads(ImportJobs jobs, ChunkStore files, ImportWorker worker, ImportReports importReports,
            PasswordEncoder passwordEncoder, TransactionTemplate transactions, AuditLog audit,
            AccountRepository accounts,
            @Value("${rollcall.import.max-file-size:100MB}") DataSize maxFileSize,
            @Value("${rollcall.import.max-rows:1000000}") long maxRows,
            @Value("${rollcall.import.spool-directory:${java.io.tmpdir}}") Path spoolDirectory,
            @Value("${rollcall.import.max-stored-per-school:2GB}") DataSize maxStoredPerSchool) {
        this.jobs = jobs;
        this.files = files;
        this.worker = worker;
        this.importReports = importReports;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.audit = audit;
        this.accounts = accounts;
        this.maxFileBytes = maxFileSize.toBytes();
        this.maxRows = maxRows;
        this.spoolDirectory = spoolDirectory;
        this.maxStoredBytesPerSchool = maxStoredPerSchool.toBytes();
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
            RosterFormat format = FormatSniffer.sniff(() -> open(spool), request.encoding());
            try (var reader = RosterReader.open(open(spool), format, maxRows)) {
                reader.header();
            }
            var hash = request.hasCustomPassword() ? passwordEncoder.encode(request.customPassword()) : null;
            var id = UUID.randomUUID().toString();
            transactions.executeWithoutResult(status -> jobs.insert(id, uploader.accountId(),
                uploader.operator() ? java.util.Set.of() : uploader.adminSchools(), request, stored,
                format, hash));
            storeFile(id, spool);
            audit.record(AuditEvent.IMPORT_STARTED, accounts.emailOf(uploader.accountId()), id,
                "file " + request.fileName() + ", " + stored.size() + " bytes, sendWelcomeEmails=" + request.sendWelcomeEmails()
                    + ", customPassword=" + (hash != null ? "set" : "none") + ", dryRun=" + request.dryRun());
            worker.wake();
            return importReports.report(jobs.find(id).orElseThrow(), uploader);
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
}
