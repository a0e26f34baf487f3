package io.rollcall.account;

/** A person who can sign in; {@code passwordHash} is null until a password is set. */
public record Account(long id, String email, String firstName, String lastName, String passwordHash,
        boolean mustChangePassword) {

    /** The form of an email address that identifies an account: trimmed, lower case. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
