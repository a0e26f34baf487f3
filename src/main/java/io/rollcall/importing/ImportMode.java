package io.rollcall.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an upload is applied: {@link #ADD} creates and updates the people it lists; {@link #SYNC}
 * also deactivates, at every school it names, the active members it does not list (the file is
 * the whole roster).
 */
public enum ImportMode {
    ADD,
    SYNC;

    /** The mode a field names ("add", "sync", any case); blank or absent is {@link #ADD}. */
    public static Optional<ImportMode> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(ADD);
        }
        return Arrays.stream(values()).filter(mode -> mode.name().equals(value.strip().toUpperCase(Locale.ROOT)))
            .findFirst();
    }

    /** The contract's name: {@code add} or {@code sync}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
