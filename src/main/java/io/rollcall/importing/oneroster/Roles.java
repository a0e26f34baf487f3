package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OneRoster 1.2's roles.csv, held in memory by userSourcedId (about a hundred bytes a row): each
 * row a role at an org, {@code roleType} primary ones first, then in the file's order. A user's
 * rows in users.csv and their roles match by sourcedId exactly.
 */
final class Roles implements MembershipSource {

    static final List<String> REQUIRED = List.of("userSourcedId", "role", "orgSourcedId");

    private final Map<String, List<Membership>> primary = new HashMap<>();
    private final Map<String, List<Membership>> others = new HashMap<>();

    private Roles() {
    }

    /**
     * Reads all of roles.csv.
     *
     * @throws io.rollcall.importing.parse.FileRejected MISSING_FIELDS, or as {@link BundleCsv#next()}
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
            var byUser = columns.value(row.get(), "roleType").equalsIgnoreCase("primary") ? roles.primary : roles.others;
            byUser.computeIfAbsent(columns.value(row.get(), "userSourcedId"), user -> new ArrayList<>(1)).add(membership);
        }
        return roles;
    }

    @Override
    public List<String> usersColumns() {
        return List.of();
    }

    @Override
    public List<Membership> of(Columns users, BundleRow user) {
        var sourcedId = users.value(user, "sourcedId");
        var memberships = new ArrayList<>(primary.getOrDefault(sourcedId, List.of()));
        memberships.addAll(others.getOrDefault(sourcedId, List.of()));
        return memberships;
    }
}
