package io.rollcall.importing;

import java.nio.charset.Charset;
import java.time.OffsetDateTime;

import io.rollcall.importing.parse.RosterFormat;

/**
 * One upload and its processing state, as stored. It was uploaded by a person ({@code uploadedBy},
 * an account id) or by a school's API key ({@code uploadedByKey}); the other is null.
 */
public record ImportJob(String id, Long uploadedBy, String fileName, long fileSize, String charset, int bomLength,
        String delimiter, ImportStatus status, boolean dryRun, boolean sendWelcomeEmails, String customPasswordHash,
        Integer totalRows, int processedRows, int createdCount, int updatedCount, int unchangedCount,
        int failedCount, int errorCount, int emailsQueued, String fileErrorCode, String fileErrorMessage,
        String fileErrorFields, OffsetDateTime createdAt, OffsetDateTime finishedAt, String fileSha256,
        boolean charsetGuessed, ImportMode importMode, boolean confirmLargeSync, int deactivatedCount,
        String uploadedByKey, RosterSource sourceFormat) {

    /** Whether the viewer is who uploaded it: the same person, or the same key. */
    boolean isUploader(io.rollcall.auth.CurrentUser viewer) {
        return viewer.isApiKey() ? viewer.apiKey().id().equals(uploadedByKey)
            : uploadedBy != null && uploadedBy == viewer.accountId();
    }

    /** How the stored file is read. */
    RosterFormat format() {
        return new RosterFormat(Charset.forName(charset), bomLength, delimiter.charAt(0), charsetGuessed);
    }
}
