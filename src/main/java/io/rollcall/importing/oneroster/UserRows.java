package io.rollcall.importing.oneroster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roster rows of one user, the first for the user's own users.csv row: one per student or
 * teacher membership (a role repeated at one org once); a user with only other roles gets one
 * {@code skip:<role>} row for the first; a user without memberships one row with no role and no
 * school, for the pipeline to report. A row deactivates when the user or (1.2) the membership is
 * {@code tobedeleted}; a deleted membership at an org where the user keeps an active one is dropped.
 */
final class UserRows {

    private UserRows() {
    }

    /** The person's cells in users.csv, stripped. */
    record Person(String givenName, String familyName, String email, String identifier) {
    }

    static List<RosterRow> of(Person person, Status userStatus, List<Membership> memberships, Orgs orgs) {
        var userAction = userStatus == Status.TO_BE_DELETED ? RosterRow.DEACTIVATE : RosterRow.IMPORT;
        if (memberships.isEmpty()) {
            return List.of(row(person, "", "", userAction));
        }
        var imported = memberships.stream().filter(m -> isTeacher(m.role()).isPresent()).toList();
        if (imported.isEmpty()) {
            var first = memberships.get(0);
            return List.of(row(person, "", orgs.schoolId(first.orgSourcedId()), RosterRow.skip(first.role())));
        }
        Set<String> activeOrgs = imported.stream().filter(m -> m.status() == Status.ACTIVE)
            .map(Membership::orgSourcedId).collect(Collectors.toSet());
        var seen = new HashSet<List<String>>();
        var rows = new ArrayList<RosterRow>();
        for (var m : imported) {
            boolean deleted = m.status() == Status.TO_BE_DELETED;
            if (deleted && activeOrgs.contains(m.orgSourcedId())
                    || !seen.add(List.of(m.role().toLowerCase(Locale.ROOT), m.orgSourcedId()))) {
                continue;
            }
            rows.add(row(person, isTeacher(m.role()).orElseThrow(), orgs.schoolId(m.orgSourcedId()),
                deleted ? RosterRow.DEACTIVATE : userAction));
        }
        return rows;
    }

    // isTeacher for the roles Rollcall imports; a blank role is left to the pipeline to report.
    private static Optional<String> isTeacher(String role) {
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "student" -> Optional.of("false");
            case "teacher" -> Optional.of("true");
            case "" -> Optional.of("");
            default -> Optional.empty();
        };
    }

    private static RosterRow row(Person person, String isTeacher, String schoolId, String action) {
        return new RosterRow(person.givenName(), person.familyName(), person.email(), isTeacher,
            person.identifier(), schoolId, action);
    }
}
