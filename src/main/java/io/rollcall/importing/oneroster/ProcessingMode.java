package io.rollcall.importing.oneroster;

import java.util.Locale;
import java.util.Optional;

/** How a bundle's manifest says its users.csv is meant ({@code file.users}). */
public enum ProcessingMode {
    /** The complete roster of the orgs the bundle names: a roster sync. */
    BULK,
    /** Only the changes: each row is applied, nobody else is touched. */
    DELTA;

    static Optional<ProcessingMode> of(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "bulk" -> Optional.of(BULK);
            case "delta" -> Optional.of(DELTA);
            default -> Optional.empty();
        };
    }
}
