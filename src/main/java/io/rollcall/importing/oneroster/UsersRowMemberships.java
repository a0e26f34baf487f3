package io.rollcall.importing.oneroster;

import java.util.Arrays;
import java.util.List;

/** OneRoster 1.1: the users.csv row's role at each org of its comma-separated {@code orgSourcedIds}. */
final class UsersRowMemberships implements MembershipSource {

    @Override
    public List<String> usersColumns() {
        return List.of("orgSourcedIds", "role");
    }

    @Override
    public List<Membership> of(Columns users, BundleRow user) {
        var role = users.value(user, "role");
        var orgs = Arrays.stream(users.value(user, "orgSourcedIds").split(","))
            .map(String::strip).filter(org -> !org.isEmpty()).distinct().toList();
        if (orgs.size() > MAX_PER_USER) {
            throw MembershipSource.tooMany(BundleFile.USERS.fileName(), "orgs", user.number());
        }
        if (orgs.isEmpty()) {
            return List.of(new Membership(role, "", Status.ACTIVE));
        }
        return orgs.stream().map(org -> new Membership(role, org, Status.ACTIVE)).toList();
    }
}
