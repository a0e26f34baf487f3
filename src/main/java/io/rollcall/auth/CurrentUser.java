package io.rollcall.auth;

import java.util.Set;

/**
 * The signed-in person: operators may act at every school, school admins at {@code adminSchools}.
 * Students and instructors have neither.
 */
public record CurrentUser(long accountId, String email, String displayName, boolean operator,
        Set<String> adminSchools, boolean mustChangePassword) {

    public boolean canAdminister(String schoolId) {
        return operator || adminSchools.contains(schoolId);
    }

    /** Operators and school admins: the people who may upload and use the API. */
    public boolean isAdmin() {
        return operator || !adminSchools.isEmpty();
    }
}
