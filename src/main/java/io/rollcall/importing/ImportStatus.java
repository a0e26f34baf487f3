package io.rollcall.importing;

/** Where an import stands: QUEUED until a worker claims it, then RUNNING, then one of the ends. */
public enum ImportStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED
}
