package io.rollcall.importing;

/**
 * Where an import stands: RECEIVING while its file is being stored (no one sees it yet), QUEUED
 * until a worker claims it, then RUNNING, then one of the ends.
 */
public enum ImportStatus {
    RECEIVING,
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED;

    /** Whether the import is over: its report's rows are all there, or it has none. */
    public boolean hasEnded() {
        return this == COMPLETED || this == FAILED;
    }
}
