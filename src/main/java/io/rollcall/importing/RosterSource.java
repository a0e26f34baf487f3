package io.rollcall.importing;

/** What was uploaded: a Rollcall roster CSV, or a OneRoster CSV bundle (a zip), stored converted to CSV. */
public enum RosterSource {
    CSV,
    ONEROSTER
}
