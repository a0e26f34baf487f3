package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OneRoster 1.2's roles.csv, held in memory by userSourcedId (about a hundred bytes a row): each
 * row a role at an org, {@code roleType} primary ones first, then in the file's order. A user's
 * rows in users.csv and their roles match by sourcedId exactly. A row repeating one of the user's
 * (the same role in any case, org and status, primary or not as it) is dropped: it changes no
 * roster row, and so a user's list stays short however many rows repeat it.
 */
final class Roles implements MembershipSource {

    static final List<String> REQUIRED = List.of("userSourcedId", "role", "orgSourcedId");

    private final Map<String, UserRoles> byUser = new HashMap<>();

    private Roles() {
    }

    /**
     * Reads all of roles.csv.
     *
     * @throws io.rollcall.importing.parse.FileRejected MISSING_FIELDS; UNSAFE_ARCHIVE when a user has
     *         more than {@link #MAX_PER_USER} memberships; or as {@link BundleCsv#next()}
     */
    static Roles read(BundleCsv csv) throws IOException {
        var roles = new Roles();
        var columns = Columns.of(csv.fileName(), csv.header(), REQUIRED, List.of("status", "roleType"));
        // Few distinct roles and orgs among many rows: share their strings.
        var shared = new HashMap<String, String>();
        for (var row = csv.next(); row.isPresent(); row = csv.next()) {
            if (row.get().isBlank()) {
                continue;
            }
            var membership = new Membership(
                shared.computeIfAbsent(columns.value(row.get(), "role"), s -> s),
                shared.computeIfAbsent(columns.value(row.get(), "orgSourcedId"), s -> s),
                Status.of(columns.value(row.get(), "status")));
            boolean primary = columns.value(row.get(), "roleType").equalsIgnoreCase("primary");
            var user = roles.byUser.computeIfAbsent(columns.value(row.get(), "userSourcedId"), id -> new UserRoles());
            if (!user.add(membership, primary)) {
                throw MembershipSource.tooMany(csv.fileName(), "roles at orgs", row.get().number());
            }
        }
        return roles;
    }

    @Override
    public List<String> usersColumns() {
        return List.of();
    }

    @Override
    public List<Membership> of(Columns users, BundleRow user) {
        var roles = byUser.get(users.value(user, "sourcedId"));
        return roles == null ? List.of() : Collections.unmodifiableList(roles.memberships);
    }

    // One user's memberships, the primary ones first; at most MAX_PER_USER distinct roles at orgs.
    private static final class UserRoles {

        private final List<Membership> memberships = new ArrayList<>(1);
        private int primaries;
        private int distinct;

        // False when the membership is one too many.
        boolean add(Membership membership, boolean primary) {
            var role = membership.role().toLowerCase(Locale.ROOT);
            boolean seen = false;
            for (int i = 0; i < memberships.size(); i++) {
                var other = memberships.get(i);
                if (other.orgSourcedId().equals(membership.orgSourcedId())
                        && other.role().toLowerCase(Locale.ROOT).equals(role)) {
                    if (other.status() == membership.status() && (i < primaries) == primary) {
                        return true;
                    }
                    seen = true;
                }
            }
            if (!seen && ++distinct > MAX_PER_USER) {
                return false;
            }
            memberships.add(primary ? primaries++ : memberships.size(), membership);
            return true;
        }
    }
}
