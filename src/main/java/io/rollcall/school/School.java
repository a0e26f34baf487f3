package io.rollcall.school;

/**
 * A school or campus. {@code schoolId} is kept exactly as written (leading zeros too);
 * {@code customPasswordOverridesExisting} decides whether an import's custom password replaces the
 * password of accounts that already exist.
 */
public record School(String schoolId, String name, boolean customPasswordOverridesExisting) {
}
