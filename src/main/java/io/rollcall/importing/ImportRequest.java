package io.rollcall.importing;

/**
 * The admin's choices for one upload. {@code customPassword} applies when non-empty; it is hashed
 * once and never stored in clear.
 */
public record ImportRequest(String fileName, boolean sendWelcomeEmails, String customPassword, boolean dryRun) {

    static final int MAX_FILE_NAME = 255;

    /** {@code fileName} as the client sent it: none is {@code upload.csv}, a long one is cut. */
    public ImportRequest {
        fileName = fileName == null || fileName.isBlank() ? "upload.csv"
            : fileName.substring(0, Math.min(fileName.length(), MAX_FILE_NAME));
    }

    public boolean hasCustomPassword() {
        return customPassword != null && !customPassword.isEmpty();
    }
}
