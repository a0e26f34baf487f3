package io.rollcall.importing.apply;

/**
 * What the apply step needs to know of an import and its uploader.
 *
 * @param customPasswordHash the hashed custom password, or null when none was given
 */
public record ApplyRequest(String importId, long uploaderId, boolean uploaderIsOperator, String customPasswordHash,
        boolean dryRun, boolean sendWelcomeEmails) {
}
