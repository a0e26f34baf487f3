package io.rollcall.account;

/**
 * Whether a new password repeats the temporary one it replaces, as far as the sign-in that just
 * checked the temporary password knows it without another hash: {@code UNKNOWN} when it cannot tell
 * (another instance signed the session in), and the stored hash must answer.
 */
public enum SameAsTemporary {
    SAME,
    DIFFERENT,
    UNKNOWN
}
