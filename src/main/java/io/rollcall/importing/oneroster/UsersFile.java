package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Converts users.csv, row by row, into the roster CSV. */
final class UsersFile {

    private static final List<String> PERSON = List.of("sourcedId", "givenName", "familyName", "email");

    private UsersFile() {
    }

    /**
     * Writes a row (or an empty line) for every users.csv row, and a user's further rows after.
     *
     * @return the non-blank data rows of users.csv
     * @throws io.rollcall.importing.parse.FileRejected MISSING_FIELDS, or as {@link BundleCsv#next()}
     */
    static long convert(BundleCsv users, MembershipSource memberships, Orgs orgs, RosterOutput out) throws IOException {
        var required = new ArrayList<>(PERSON);
        required.addAll(1, memberships.usersColumns());
        var columns = Columns.of(users.fileName(), users.header(), required, List.of("status", "identifier"));
        long rows = 0;
        for (var row = users.next(); row.isPresent(); row = users.next()) {
            var user = row.get();
            if (user.isBlank()) {
                out.blank();
                continue;
            }
            rows++;
            var person = new UserRows.Person(columns.value(user, "givenName"), columns.value(user, "familyName"),
                columns.value(user, "email"), columns.value(user, "identifier"));
            var status = Status.of(columns.value(user, "status"));
            out.user(UserRows.of(person, status, memberships.of(columns, user), orgs));
        }
        return rows;
    }
}
