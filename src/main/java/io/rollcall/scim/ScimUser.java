package io.rollcall.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.account.MembershipStatus;
import io.rollcall.account.Role;
import io.rollcall.account.SchoolUser;

/**
 * A student or instructor of the key's school as a SCIM User: {@code id} and {@code userName} are
 * the email (Rollcall's identity for a person, which never changes), {@code externalId} the
 * issuedID, {@code userType} and {@code roles} the role, {@code active} the membership's status.
 */
final class ScimUser {

    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    private ScimUser() {
    }

    static Map<String, Object> of(SchoolUser user, String location) {
        var type = user.role() == Role.INSTRUCTOR ? "instructor" : "student";
        var resource = new LinkedHashMap<String, Object>();
        resource.put("schemas", List.of(SCHEMA));
        resource.put("id", user.email());
        resource.put("externalId", user.issuedId());
        resource.put("userName", user.email());
        resource.put("name", Map.of("givenName", user.firstName(), "familyName", user.lastName(),
            "formatted", user.firstName() + " " + user.lastName()));
        resource.put("displayName", user.firstName() + " " + user.lastName());
        resource.put("emails", List.of(Map.of("value", user.email(), "type", "work", "primary", true)));
        resource.put("userType", type);
        resource.put("roles", List.of(Map.of("value", type, "primary", true)));
        resource.put("active", user.status() == MembershipStatus.ACTIVE);
        resource.put("meta", Map.of("resourceType", "User", "location", location));
        return resource;
    }
}
