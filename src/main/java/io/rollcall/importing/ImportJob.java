package io.rollcall.importing;

import java.nio.charset.Charset;
import java.time.OffsetDateTime;

import io.rollcall.importing.parse.RosterFormat;

/** One upload and its processing state, as stored. */
public record ImportJob(String id, long uploadedBy, String fileName, long fileSize, String charset, int bomLength,
        String delimiter, ImportStatus status, boolean dryRun, boolean sendWelcomeEmails, String customPasswordHash,
        Integer totalRows, int processedRows, int createdCount, int updatedCount, int unchangedCount,
        int failedCount, int errorCount, int emailsQueued, String fileErrorCode, String fileErrorMessage,
        String fileErrorFields, OffsetDateTime createdAt, OffsetDateTime finishedAt, String fileSha256,
        boolean charsetGuessed, ImportMode importMode, boolean confirmLargeSync, int deactivatedCount) {

    /** How the stored file is read. */
    RosterFormat format() {
        return new RosterFormat(Charset.forName(charset), bomLength, delimiter.charAt(0), charsetGuessed);
    }
}
