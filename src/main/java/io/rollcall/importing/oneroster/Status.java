package io.rollcall.importing.oneroster;

/** A OneRoster row's {@code status}; any value but {@code tobedeleted}, blank included, is active. */
enum Status {
    ACTIVE,
    TO_BE_DELETED;

    static Status of(String value) {
        return value.strip().equalsIgnoreCase("tobedeleted") ? TO_BE_DELETED : ACTIVE;
    }
}
