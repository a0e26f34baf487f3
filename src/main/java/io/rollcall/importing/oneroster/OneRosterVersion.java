package io.rollcall.importing.oneroster;

import java.util.Optional;

/** The OneRoster versions Rollcall reads, as a bundle's manifest names them ({@code oneroster.version}). */
public enum OneRosterVersion {
    /** Role and orgs on each users.csv row. */
    V1_1("1.1"),
    /** Role and org in roles.csv, one row per membership. */
    V1_2("1.2");

    private final String number;

    OneRosterVersion(String number) {
        this.number = number;
    }

    /** The version as the manifest writes it, e.g. {@code 1.2}. */
    public String number() {
        return number;
    }

    static Optional<OneRosterVersion> of(String number) {
        for (var version : values()) {
            if (version.number.equals(number.strip())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }
}
