package io.rollcall.importing;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An import as the API shows it: the options used, the counts, the file error if any, and the
 * first {@value io.rollcall.importing.report.ReportRepository#MAX_ERRORS_SHOWN} row errors sorted by row ({@code errorCount} is
 * the total). {@code encoding} is the character set the file was read in, by the contract's names.
 */
public record ImportReport(String id, ImportStatus status, String fileName, String encoding, String mode,
        boolean dryRun, boolean sendWelcomeEmails,
        boolean customPasswordSet, int totalRows, int processedRows, int created, int updated, int unchanged,
        int failed, int emailsQueued, int emailsSent, int emailsFailed, FileError fileError, List<ReportedError> errors,
        int errorCount, List<Warning> warnings, int deactivated, List<Deactivation> deactivations, OffsetDateTime createdAt,
        OffsetDateTime finishedAt) {

    /** Why the whole file was refused; nothing of it was written. */
    public record FileError(String code, String message, List<String> missingFields) {
    }

    public record ReportedError(long row, String email, String field, String code, String message) {
    }

    public record Warning(long row, String code, String message) {
    }

    /** A member a roster sync deactivated (or, in a dry run, would). */
    public record Deactivation(String schoolId, String email, String firstName, String lastName) {
    }
}
