package io.rollcall.importing;

import io.rollcall.importing.parse.FileEncoding;

/**
 * The admin's choices for one upload. {@code customPassword} applies when non-empty; it is hashed
 * once and never stored in clear. {@code encoding} is the file's character set as the uploader chose it;
 * {@code mode} whether the file is the whole roster ({@code confirmLargeSync}: even when that deactivates
 * more of a school than the safety limit allows).
 */
public record ImportRequest(String fileName, boolean sendWelcomeEmails, String customPassword, boolean dryRun,
        FileEncoding encoding, ImportMode mode, boolean confirmLargeSync) {

    static final int MAX_FILE_NAME = 255;

    /** {@code fileName} as the client sent it: none is {@code upload.csv}, a long one is cut. */
    public ImportRequest {
        fileName = fileName == null || fileName.isBlank() ? "upload.csv"
            : fileName.substring(0, Math.min(fileName.length(), MAX_FILE_NAME));
        encoding = encoding == null ? FileEncoding.AUTO : encoding;
        mode = mode == null ? ImportMode.ADD : mode;
    }

    /** An upload that adds, with the file's character set detected. */
    public ImportRequest(String fileName, boolean sendWelcomeEmails, String customPassword, boolean dryRun) {
        this(fileName, sendWelcomeEmails, customPassword, dryRun, FileEncoding.AUTO, ImportMode.ADD, false);
    }

    /** The same choices as a full-roster sync (a OneRoster bundle whose manifest says bulk). */
    ImportRequest asSync() {
        return new ImportRequest(fileName, sendWelcomeEmails, customPassword, dryRun, encoding, ImportMode.SYNC,
            confirmLargeSync);
    }

    public boolean hasCustomPassword() {
        return customPassword != null && !customPassword.isEmpty();
    }
}
