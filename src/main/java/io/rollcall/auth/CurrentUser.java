package io.rollcall.auth;

import java.util.Set;

/**
 * The signed-in person: operators may act at every school, school admins at {@code adminSchools}.
 * Students and instructors have neither. {@code credentialsVersion} is the account's count of
 * password changes at sign-in: a session or token that remembers an older count has ended.
 */
public record CurrentUser(long accountId, String email, String displayName, boolean operator,
        Set<String> adminSchools, boolean mustChangePassword, int credentialsVersion) {

    public boolean canAdminister(String schoolId) {
        return operator || adminSchools.contains(schoolId);
    }

    /** Operators and school admins: the people who may upload and use the API. */
    public boolean isAdmin() {
        return operator || !adminSchools.isEmpty();
    }
}
