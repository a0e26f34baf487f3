package io.rollcall.importing.oneroster;

import java.util.List;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/** Where users' roles at orgs come from: their users.csv row (1.1) or roles.csv (1.2). */
interface MembershipSource {

    /**
     * Distinct memberships (a role at an org, the role in any case) one user may have: each may be a
     * roster row, so a few bytes of bundle must not make thousands.
     */
    int MAX_PER_USER = 100;

    /** The users.csv columns it needs, besides sourcedId and the person's. */
    List<String> usersColumns();

    /**
     * The user's memberships in the bundle's order, the primary ones first; empty when it has none.
     *
     * @throws FileRejected UNSAFE_ARCHIVE when the row names more than {@link #MAX_PER_USER} (1.1;
     *                      roles.csv is refused so as it is read)
     */
    List<Membership> of(Columns users, BundleRow user);

    /** UNSAFE_ARCHIVE: the file's row gives one user more than {@link #MAX_PER_USER} memberships. */
    static FileRejected tooMany(String fileName, String memberships, long row) {
        return new FileRejected(ErrorCode.UNSAFE_ARCHIVE, fileName + " in the zip names more than " + MAX_PER_USER
            + " " + memberships + " for one user at row " + row + "; Rollcall takes at most " + MAX_PER_USER
            + " per user");
    }
}
