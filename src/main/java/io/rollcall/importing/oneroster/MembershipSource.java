package io.rollcall.importing.oneroster;

import java.util.List;

/** Where users' roles at orgs come from: their users.csv row (1.1) or roles.csv (1.2). */
interface MembershipSource {

    /** The users.csv columns it needs, besides sourcedId and the person's. */
    List<String> usersColumns();

    /** The user's memberships in the bundle's order, the primary ones first; empty when it has none. */
    List<Membership> of(Columns users, BundleRow user);
}
