package io.rollcall.importing.oneroster;

import java.util.List;

/**
 * One row of the roster CSV written for the import pipeline; values as the bundle gives them,
 * unchecked. {@code action} is {@link #IMPORT}, {@link #DEACTIVATE} or {@code skip:<role>}.
 */
record RosterRow(String firstName, String lastName, String email, String isTeacher, String issuedId,
        String schoolId, String action) {

    static final List<String> HEADER =
        List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID", "oneRosterAction");
    static final String IMPORT = "import";
    static final String DEACTIVATE = "deactivate";

    /** The action of a row whose role Rollcall does not import, e.g. {@code skip:parent}. */
    static String skip(String role) {
        return "skip:" + role;
    }

    List<String> cells() {
        return List.of(firstName, lastName, email, isTeacher, issuedId, schoolId, action);
    }
}
