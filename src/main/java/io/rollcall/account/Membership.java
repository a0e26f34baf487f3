package io.rollcall.account;

/** One school an account belongs to, with the role and issuedID it has there. */
public record Membership(String schoolId, Role role, String issuedId) {
}
