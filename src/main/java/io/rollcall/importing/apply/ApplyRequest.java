package io.rollcall.importing.apply;

import io.rollcall.importing.stage.Repeats;

/**
 * What the apply step needs to know of an import and its uploader.
 *
 * @param uploaderSchools the schools the uploader may import into (an admin's schools, a key's school)
 * @param customPasswordHash the hashed custom password, or null when none was given
 * @param sync whether the file is the whole roster of the schools it names
 * @param personRows whether a person may have a row per school (a OneRoster bundle)
 * @param maxDeactivatePercent the share of a school's active members a sync may deactivate unless confirmed
 * @param repeats whether the staged rows may share an email or an issuedID (if not, nobody looks for duplicates)
 * @param stagedSchools the schoolIDs of the staged rows, as staging noted them
 */
public record ApplyRequest(String importId, java.util.Set<String> uploaderSchools, boolean uploaderIsOperator, String customPasswordHash,
        boolean dryRun, boolean sendWelcomeEmails, boolean sync, boolean confirmLargeSync, int maxDeactivatePercent,
        PersonRows personRows, Repeats repeats, java.util.Set<String> stagedSchools) {

    /** The same request, with another rule for how often a person may appear. */
    public ApplyRequest withPersonRows(PersonRows rows) {
        return new ApplyRequest(importId, uploaderSchools, uploaderIsOperator, customPasswordHash, dryRun,
            sendWelcomeEmails, sync, confirmLargeSync, maxDeactivatePercent, rows, repeats, stagedSchools);
    }
}
