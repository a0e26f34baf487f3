package io.rollcall.auth;

import java.util.function.Supplier;

/**
 * Which queue a password hash waits in. Admins and operators have a lane of their own beside the
 * crowd's, so that 2,000 students signing in at once never keep the people running the schools out
 * for long. The password hashing bulkhead reads the lane; the sign-in sets it once it knows whose
 * password it checks.
 */
public final class HashingLane {

    private static final ThreadLocal<Boolean> STAFF = new ThreadLocal<>();

    private HashingLane() {
    }

    /** Runs {@code hash} in the staff lane. */
    public static <T> T staff(Supplier<T> hash) {
        var outer = STAFF.get();
        STAFF.set(Boolean.TRUE);
        try {
            return hash.get();
        } finally {
            if (outer == null) {
                STAFF.remove();
            } else {
                STAFF.set(outer);
            }
        }
    }

    /** Whether the hash about to run on this thread is an admin's or an operator's. */
    public static boolean isStaff() {
        return Boolean.TRUE.equals(STAFF.get());
    }
}
