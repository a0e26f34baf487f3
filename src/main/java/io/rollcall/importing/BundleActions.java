package io.rollcall.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.rollcall.account.Account;
import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.Column;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.ParsedRow;
import io.rollcall.importing.stage.Stager;
import io.rollcall.importing.validate.CheckedRow;
import io.rollcall.importing.validate.RowValidator;

/**
 * The {@value #COLUMN} column of a converted OneRoster bundle: {@code import} rows go through the
 * pipeline as any row; {@code deactivate} rows ({@code tobedeleted} in the bundle) become
 * memberships to deactivate, once their email and school pass the row checks; {@code skip:<role>}
 * rows (parents, aides, administrators) become a ROLE_SKIPPED warning. Not thread-safe: one per staging run.
 */
final class BundleActions {

    static final String COLUMN = "oneRosterAction";
    private static final Set<String> NEEDED_TO_DEACTIVATE = Set.of(Column.EMAIL.header(), Column.SCHOOL_ID.header());

    private final Header header;
    private final int index;
    private final List<Stager.Removal> removals = new ArrayList<>();
    private final List<Stager.Warning> warnings = new ArrayList<>();

    private BundleActions(Header header, int index) {
        this.header = header;
        this.index = index;
    }

    /** The actions of a converted bundle's rows; empty when the header has no action column. */
    static Optional<BundleActions> of(Header header) {
        int index = header.cells().indexOf(COLUMN);
        return index < 0 ? Optional.empty() : Optional.of(new BundleActions(header, index));
    }

    /** The row to stage, or empty when it deactivates a membership or is skipped. */
    Optional<CheckedRow> route(ParsedRow row, RowValidator validator) {
        var action = index < row.fields().size() ? row.fields().get(index) : "import";
        if (action.startsWith("skip:")) {
            var school = header.value(row.fields(), Column.SCHOOL_ID).strip();
            warnings.add(new Stager.Warning(row.row(), school.isEmpty() ? null : school, ErrorCode.ROLE_SKIPPED.name(),
                "Role " + action.substring("skip:".length()) + " is not imported: only students and teachers get accounts"));
            return Optional.empty();
        }
        var checked = validator.check(row);
        if (!action.equals("deactivate")) {
            return Optional.of(checked);
        }
        // Names and issuedID do not matter to a deactivation; the email and the school must be right.
        var blocking = checked.errors().stream().filter(error -> NEEDED_TO_DEACTIVATE.contains(error.field())).toList();
        if (!blocking.isEmpty()) {
            return Optional.of(new CheckedRow(row.row(), checked.email(), null, null, null, null, null, blocking));
        }
        removals.add(new Stager.Removal(row.row(), checked.schoolId(), Account.emailKey(checked.email())));
        return Optional.empty();
    }

    List<Stager.Removal> removals() {
        return removals;
    }

    List<Stager.Warning> warnings() {
        return warnings;
    }
}
