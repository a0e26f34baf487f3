package io.rollcall.importing.oneroster;

import java.util.List;

/**
 * One row of a bundle file as read, blank or not.
 *
 * @param number the spreadsheet row: header = 1, blank lines count, a quoted line break does not
 * @param cells  the cells as read, never null
 */
record BundleRow(long number, List<String> cells) {

    BundleRow {
        cells = List.copyOf(cells);
    }

    /** A blank line, or cells of only spaces: no data, but still a row. */
    boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
