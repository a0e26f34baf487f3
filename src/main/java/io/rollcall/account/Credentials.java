package io.rollcall.account;

import java.util.Set;

/**
 * What signing in needs of an account: its password hash, and who it is now (names, permissions,
 * whether its password is temporary, its count of password changes). {@code deactivated}: a student
 * or instructor with no active membership left, who may not sign in.
 */
public record Credentials(long accountId, String email, String firstName, String lastName, String passwordHash,
        boolean mustChangePassword, int credentialsVersion, boolean operator, Set<String> adminSchools,
        boolean deactivated) {
}
