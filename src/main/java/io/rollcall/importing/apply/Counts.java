package io.rollcall.importing.apply;

/** What an import did: rows created, updated, unchanged and failed, errors, emails queued, members deactivated. */
public record Counts(int created, int updated, int unchanged, int failed, int errors, int emailsQueued,
        int deactivated) {
}
