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
 * The {@value #COLUMN} column of a converted OneRoster bundle (and of its failed rows, uploaded
 * again as CSV): {@code import} rows go through the
 * pipeline as any row; {@code deactivate} rows ({@code tobedeleted} in the bundle) become
 * memberships to deactivate, once their email and school pass the row checks; {@code skip:<role>}
 * rows (parents, aides, administrators) become a ROLE_SKIPPED warning. Not thread-safe: one per staging run.
 */
final class BundleActions {

    static final String COLUMN = "oneRosterAction";
    private static final Set<String> NEEDED_TO_DEACTIVATE = Set.of(Column.EMAIL.header(), Column.SCHOOL_ID.header());

    private static final int MAX_ROLE = 40;

    private final Header header;
    private final int index;
    private final Set<String> authorized;
    private final List<Stager.Removal> removals = new ArrayList<>();
    private final List<Stager.Warning> warnings = new ArrayList<>();

    private BundleActions(Header header, int index, Set<String> authorized) {
        this.header = header;
        this.index = index;
        this.authorized = authorized;
    }

    /**
     * The actions of the rows of a file with the action column: a converted bundle, or the
     * failed rows of one uploaded again as CSV. Empty when the header has no such column.
     */
    static Optional<BundleActions> of(Header header, Set<String> authorized) {
        int index = -1;
        for (int i = 0; i < header.cells().size() && index < 0; i++) {
            if (header.cells().get(i).strip().equalsIgnoreCase(COLUMN)) {
                index = i;
            }
        }
        return index < 0 ? Optional.empty() : Optional.of(new BundleActions(header, index, authorized));
    }

    /** Whether a header cell is the action column (not an unknown column to warn about). */
    static boolean isActionColumn(String headerCell) {
        return headerCell.strip().equalsIgnoreCase(COLUMN);
    }

    /** The row to stage, or empty when it deactivates a membership or is skipped. */
    Optional<CheckedRow> route(ParsedRow row, RowValidator validator) {
        var action = index < row.fields().size() ? row.fields().get(index).strip() : "import";
        if (action.startsWith("skip:")) {
            // Shown to the school's admins when it is one the uploader may import into; else to the uploader only.
            var school = header.value(row.fields(), Column.SCHOOL_ID).strip();
            var role = action.substring("skip:".length());
            warnings.add(new Stager.Warning(row.row(), authorized.contains(school) ? school : null,
                ErrorCode.ROLE_SKIPPED.name(), "Role " + (role.length() > MAX_ROLE ? role.substring(0, MAX_ROLE) + "…" : role)
                    + " is not imported: only students and teachers get accounts"));
            return Optional.empty();
        }
        var checked = validator.check(row);
        if (!action.equalsIgnoreCase("deactivate")) {
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
