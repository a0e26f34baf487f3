package io.rollcall.importing.oneroster;

/**
 * A user's role at one org, as the bundle writes them.
 *
 * @param role          e.g. {@code student}, {@code teacher}, {@code parent}; may be blank
 * @param orgSourcedId  the org's sourcedId; blank when the user has no org
 * @param status        TO_BE_DELETED for a roles.csv row so marked (1.2); ACTIVE in 1.1
 */
record Membership(String role, String orgSourcedId, Status status) {
}
