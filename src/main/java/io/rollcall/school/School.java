package io.rollcall.school;

/**
 * A school or campus. {@code schoolId} is kept exactly as written (leading zeros too);
 * {@code customPasswordOverridesExisting} decides whether an import's custom password replaces the
 * password of accounts that already exist; {@code uploadsReactivate} whether an upload that lists a
 * member deactivated here reactivates them (else the row fails as ACCOUNT_DEACTIVATED); {@code locale}
 * is the language of its welcome emails, a tag of {@link Languages} ("en", "es", "fr").
 */
public record School(String schoolId, String name, boolean customPasswordOverridesExisting,
        boolean uploadsReactivate, String locale) {

    /** A school whose welcome emails are in English. */
    public School(String schoolId, String name, boolean customPasswordOverridesExisting, boolean uploadsReactivate) {
        this(schoolId, name, customPasswordOverridesExisting, uploadsReactivate, Languages.DEFAULT.toLanguageTag());
    }
}
