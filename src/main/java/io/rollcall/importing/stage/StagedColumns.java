package io.rollcall.importing.stage;

import java.util.Arrays;
import java.util.List;

import io.rollcall.importing.validate.CheckedRow;

/** The columns of {@code import_row} that staging writes, and a checked row's values for them, in order. */
final class StagedColumns {

    static final String NAMES = "import_id, row_no, email, email_key, first_name, last_name, role, issued_id, "
        + "school_id, failed";
    static final int COUNT = NAMES.split(",").length;

    private StagedColumns() {
    }

    /**
     * The values of one row, with its email's key; a value that failed its check is null, {@code failed}
     * says whether the row did.
     */
    static List<Object> values(String importId, CheckedRow row, String emailKey) {
        return Arrays.asList(importId, row.row(), row.email(), emailKey, row.firstName(), row.lastName(),
            row.role() == null ? null : row.role().name(), row.issuedId(), row.schoolId(), !row.valid());
    }
}
