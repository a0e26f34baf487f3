package io.rollcall.scim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rollcall.account.MembershipStatus;
import io.rollcall.account.Role;
import io.rollcall.account.SchoolUser;

/**
 * What a SCIM request wants a person to be at the school: the attributes Rollcall keeps, read from
 * a User resource (POST, PUT) or changed by PATCH operations as Entra ID and Okta send them. Other
 * attributes (title, phone numbers, the enterprise extension) are accepted and not kept.
 */
final class ScimPerson {

    // The attributes Rollcall keeps, which a PATCH may replace but not remove.
    private static final java.util.Set<String> KEPT = java.util.Set.of("username", "emails", "emails.value", "name",
        "name.givenname", "name.familyname", "externalid", "usertype", "roles", "active");

    String email;
    String firstName;
    String lastName;
    String issuedId;
    Role role;
    boolean active = true;

    static ScimPerson of(SchoolUser user) {
        var person = new ScimPerson();
        person.email = user.email();
        person.firstName = user.firstName();
        person.lastName = user.lastName();
        person.issuedId = user.issuedId();
        person.role = user.role();
        person.active = user.status() == MembershipStatus.ACTIVE;
        return person;
    }

    /** A whole User resource, as POST sends it: what it leaves out takes the default (a student, active). */
    static ScimPerson from(Map<String, Object> resource) {
        var person = new ScimPerson();
        person.role = Role.STUDENT;
        person.replaceWith(resource);
        return person;
    }

    /**
     * Takes what a User resource gives. {@code userName} is the email; {@code emails} counts only
     * where the resource has no userName.
     */
    void replaceWith(Map<String, Object> resource) {
        resource.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("emails") || !resource.containsKey("userName")) {
                set(name, value);
            }
        });
    }

    /** Applies one PATCH operation (add, replace or remove; with or without a path). */
    void patch(Map<String, Object> operation) {
        var op = text(operation.get("op"), "op").toLowerCase(Locale.ROOT);
        var path = operation.get("path") == null ? null : text(operation.get("path"), "path");
        var value = operation.get("value");
        switch (op) {
            case "add", "replace" -> {
                if (path == null || path.isBlank()) {
                    if (!(value instanceof Map<?, ?> values)) {
                        throw ScimException.invalidValue("A PATCH operation without a path needs an object as its value");
                    }
                    values.forEach((key, v) -> set(String.valueOf(key), v));
                } else {
                    set(path, value);
                }
            }
            case "remove" -> {
                if (path != null && KEPT.contains(path.trim().toLowerCase(Locale.ROOT).replaceAll("\\[.*", ""))) {
                    throw new ScimException(400, "mutability", "Rollcall keeps a name, an email, an issuedID and a"
                        + " role for every person: replace " + path + " instead of removing it");
                }
                // An attribute Rollcall does not keep (title, phone, manager): nothing to remove.
            }
            default -> throw new ScimException(400, "invalidSyntax", "op is add, replace or remove, not " + op);
        }
    }

    private void set(String attribute, Object value) {
        var name = attribute.trim();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "username", "emails[type eq \"work\"].value", "emails.value" -> email = text(value, name);
            case "emails" -> email = workEmail(value);
            case "name" -> {
                if (value instanceof Map<?, ?> parts) {
                    parts.forEach((key, v) -> set("name." + key, v));
                }
            }
            case "name.givenname" -> firstName = text(value, name);
            case "name.familyname" -> lastName = text(value, name);
            case "externalid" -> issuedId = text(value, name);
            case "usertype" -> role = role(text(value, name));
            case "roles" -> {
                if (!(value instanceof List<?> roles && roles.isEmpty())) {
                    role = role(firstRole(value));
                }
            }
            case "active" -> active = bool(value);
            default -> {
                // schemas, id, meta, displayName, title, the enterprise extension...: not kept
            }
        }
    }

    private static String workEmail(Object value) {
        if (value instanceof List<?> emails) {
            Object chosen = null;
            for (var item : emails) {
                if (item instanceof Map<?, ?> email && (chosen == null || Boolean.TRUE.equals(email.get("primary"))
                        || "work".equals(email.get("type")))) {
                    chosen = email.get("value");
                }
            }
            if (chosen != null) {
                return text(chosen, "emails.value");
            }
        }
        throw ScimException.invalidValue("emails is a list of {\"value\", \"type\"} objects");
    }

    private static String firstRole(Object value) {
        if (value instanceof List<?> roles && !roles.isEmpty()) {
            for (var item : roles) {
                if (item instanceof Map<?, ?> role && Boolean.TRUE.equals(role.get("primary"))) {
                    return text(role.get("value"), "roles.value");
                }
            }
            if (roles.get(0) instanceof Map<?, ?> role) {
                return text(role.get("value"), "roles.value");
            }
            return text(roles.get(0), "roles");
        }
        throw ScimException.invalidValue("roles is a list of {\"value\": \"student\" or \"instructor\"} objects");
    }

    private static Role role(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "student" -> Role.STUDENT;
            case "instructor", "teacher" -> Role.INSTRUCTOR;
            default -> throw ScimException.invalidValue("The role is student or instructor, not " + value);
        };
    }

    // Entra ID sends active as the string "False".
    private static boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw ScimException.invalidValue("active is true or false");
    }

    private static String text(Object value, String attribute) {
        if (value instanceof String || value instanceof Number) {
            return String.valueOf(value);
        }
        throw ScimException.invalidValue(attribute + " must be a string");
    }
}
