package io.rollcall.importing.oneroster;

/**
 * How many non-blank data rows a bundle file may have, and the rule a message names when it has
 * more: "users.csv in the zip has more than 2 rows; Rollcall imports at most 2 users at once".
 *
 * @param rows the most non-blank data rows accepted
 * @param rule the message's words after the semicolon
 */
record RowLimit(long rows, String rule) {

    /** orgs.csv rows at most: held in memory, and each identifier is a school lookup for the caller. */
    static final long MAX_ORGS = 100_000;
    /** manifest.csv rows at most; a manifest has about 30. */
    static final long MAX_MANIFEST = 1_000;

    /** users.csv: the row limit of an upload. */
    static RowLimit users(long maxRows) {
        return new RowLimit(maxRows, "Rollcall imports at most " + maxRows + " users at once");
    }

    /** roles.csv (1.2): held in memory; as many as the row limit, one role per user. */
    static RowLimit roles(long maxRows) {
        return new RowLimit(maxRows, "Rollcall reads at most " + maxRows + " roles at once");
    }

    /** orgs.csv: at most {@link #MAX_ORGS}. */
    static RowLimit orgs() {
        return new RowLimit(MAX_ORGS, "Rollcall reads at most " + MAX_ORGS + " orgs");
    }

    /** manifest.csv: at most {@link #MAX_MANIFEST}. */
    static RowLimit manifest() {
        return new RowLimit(MAX_MANIFEST, "a OneRoster manifest has about 30");
    }
}
