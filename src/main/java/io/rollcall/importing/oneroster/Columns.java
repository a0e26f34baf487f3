package io.rollcall.importing.oneroster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/**
 * Where the columns Rollcall reads stand in a bundle file's header. Names match exactly but for
 * case and surrounding spaces; order is free and other columns are ignored.
 */
final class Columns {

    private final Map<String, Integer> positions;

    private Columns(Map<String, Integer> positions) {
        this.positions = positions;
    }

    /**
     * Finds the columns in the header.
     *
     * @throws FileRejected DUPLICATE_COLUMN when a column read appears twice, MISSING_FIELDS when a
     *                      required one is absent (naming the file, in the order of {@code required})
     */
    static Columns of(String fileName, List<String> header, List<String> required, List<String> optional) {
        var wanted = new ArrayList<String>(required);
        wanted.addAll(optional);
        var positions = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            var key = key(header.get(i));
            if (wanted.stream().anyMatch(name -> key(name).equals(key)) && positions.putIfAbsent(key, i) != null) {
                throw new FileRejected(ErrorCode.DUPLICATE_COLUMN,
                    fileName + " in the zip has the column " + header.get(i).strip() + " more than once");
            }
        }
        var missing = required.stream().filter(name -> !positions.containsKey(key(name))).toList();
        if (!missing.isEmpty()) {
            var found = header.stream().map(String::strip).filter(cell -> !cell.isEmpty()).toList();
            throw new FileRejected(ErrorCode.MISSING_FIELDS, fileName + " in the zip has no column"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing), missing, found);
        }
        return new Columns(positions);
    }

    /** The cell of that column, stripped; empty when the column or the cell is absent. */
    String value(BundleRow row, String column) {
        var index = positions.get(key(column));
        return index == null || index >= row.cells().size() ? "" : row.cells().get(index).strip();
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
