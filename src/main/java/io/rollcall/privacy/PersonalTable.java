package io.rollcall.privacy;

/**
 * One table a module owns, and what it holds about people ("names, email and password hash"), or
 * {@code null} when it holds nothing personal.
 */
public record PersonalTable(String name, String holds) {

    public static PersonalTable personal(String name, String holds) {
        return new PersonalTable(name, holds);
    }

    public static PersonalTable impersonal(String name) {
        return new PersonalTable(name, null);
    }
}
