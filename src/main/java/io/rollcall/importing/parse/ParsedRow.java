package io.rollcall.importing.parse;

import java.util.List;

/**
 * One data row as uploaded: {@code row} is its spreadsheet row number (header = 1, blank lines
 * count, a quoted line break does not), {@code fields} its cells in file order.
 */
public record ParsedRow(long row, List<String> fields) {
}
