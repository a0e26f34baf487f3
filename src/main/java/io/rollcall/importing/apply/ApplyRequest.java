package io.rollcall.importing.apply;

/**
 * What the apply step needs to know of an import and its uploader.
 *
 * @param customPasswordHash the hashed custom password, or null when none was given
 * @param sync whether the file is the whole roster of the schools it names
 * @param maxDeactivatePercent the share of a school's active members a sync may deactivate unless confirmed
 */
public record ApplyRequest(String importId, long uploaderId, boolean uploaderIsOperator, String customPasswordHash,
        boolean dryRun, boolean sendWelcomeEmails, boolean sync, boolean confirmLargeSync, int maxDeactivatePercent) {
}
