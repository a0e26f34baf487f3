package io.rollcall.account;

/** One student or instructor as a school admin sees them. */
public record SchoolUser(String email, String firstName, String lastName, Role role, String issuedId,
        boolean mustChangePassword, boolean hasPassword) {
}
