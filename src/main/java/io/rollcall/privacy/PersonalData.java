package io.rollcall.privacy;

import java.util.List;

/**
 * What one module keeps about people, declared in one place: its tables, and how to export and
 * erase one person's share of them. Every table in the database must be declared by exactly one
 * module ({@link PersonalDataRegistry#undeclaredTables()}), so that a new table cannot be forgotten
 * by the export or the erasure.
 */
public interface PersonalData {

    /** The section's name in an export: "account", "imports"... */
    String section();

    /** Every table this module owns, personal or not. */
    List<PersonalTable> tables();

    /** What this module keeps about the person, as values that serialize to JSON. */
    Object export(Person person);

    /**
     * Deletes, or makes anonymous, what this module keeps about the person. Runs inside the
     * erasure's transaction, in {@link #erasureOrder()}.
     */
    void erase(Person person);

    /** Lower runs first: rows that refer to the account go before the account itself. */
    default int erasureOrder() {
        return 0;
    }
}
