package io.rollcall.account;

import java.util.Set;

/**
 * What signing in needs of an account: its password hash, and who it is now (names, permissions,
 * whether its password is temporary, its count of password changes).
 */
public record Credentials(long accountId, String email, String firstName, String lastName, String passwordHash,
        boolean mustChangePassword, int credentialsVersion, boolean operator, Set<String> adminSchools) {
}
