package io.rollcall.importing.validate;

import java.util.List;

import io.rollcall.account.Role;

/**
 * A row after the per-row checks. Values are trimmed; a value that failed its check is null, so
 * that the set-based checks later only compare values that could be written. The row is
 * {@link #valid()} when {@code errors} is empty.
 */
public record CheckedRow(long row, String email, String firstName, String lastName, Role role,
        String issuedId, String schoolId, List<RowError> errors) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
