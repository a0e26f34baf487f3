package io.rollcall.account;

/**
 * One student or instructor as a school admin sees them. {@code home} tells whether the listing
 * school is the account's home school; when it is not, that school's admins do not see the
 * password state ({@code mustChangePassword} and {@code hasPassword} are null). {@code status} is the
 * person's status at the listing school.
 */
public record SchoolUser(String email, String firstName, String lastName, Role role, String issuedId,
        MembershipStatus status, Boolean mustChangePassword, Boolean hasPassword, boolean home) {
}
