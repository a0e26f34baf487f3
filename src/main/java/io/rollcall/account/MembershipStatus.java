package io.rollcall.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a person is active at one school. A deactivated membership keeps the person's data and
 * history; the person cannot sign in through it.
 */
public enum MembershipStatus {
    ACTIVE,
    DEACTIVATED;

    /** The status a query parameter names, in any case; empty for anything else. */
    public static Optional<MembershipStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.name().equals(value.strip().toUpperCase(Locale.ROOT))).findFirst();
    }
}
