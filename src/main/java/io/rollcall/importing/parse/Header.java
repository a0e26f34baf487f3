package io.rollcall.importing.parse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.rollcall.error.ErrorCode;

/**
 * The header row: where each required column stands. Names match in any case after trimming,
 * order is free, unknown columns are kept as {@link #unknownColumns()} for a warning.
 */
public final class Header {

    public static final int MAX_COLUMNS = 1000;

    private final List<String> cells;
    private final Map<Column, Integer> positions;
    private final List<String> unknownColumns;

    private Header(List<String> cells, Map<Column, Integer> positions, List<String> unknownColumns) {
        this.cells = cells;
        this.positions = positions;
        this.unknownColumns = unknownColumns;
    }

    /**
     * Reads the header row's cells.
     *
     * @throws FileRejected TOO_MANY_COLUMNS, DUPLICATE_COLUMN or MISSING_FIELDS (in that order of checks)
     */
    public static Header of(List<String> cells) {
        if (cells.size() > MAX_COLUMNS) {
            throw new FileRejected(ErrorCode.TOO_MANY_COLUMNS,
                "The header has " + cells.size() + " columns; at most " + MAX_COLUMNS + " are allowed");
        }
        var positions = new EnumMap<Column, Integer>(Column.class);
        var unknown = new ArrayList<String>();
        for (int i = 0; i < cells.size(); i++) {
            var cell = cells.get(i);
            var column = Column.named(cell);
            if (column.isPresent()) {
                if (positions.putIfAbsent(column.get(), i) != null) {
                    throw new FileRejected(ErrorCode.DUPLICATE_COLUMN,
                        "Column " + column.get().header() + " appears more than once in the header");
                }
            } else if (!cell.isBlank()) {
                unknown.add(cell.strip());
            }
        }
        var missing = new ArrayList<String>();
        for (var column : Column.values()) {
            if (!positions.containsKey(column)) {
                missing.add(column.header());
            }
        }
        if (!missing.isEmpty()) {
            var found = cells.stream().map(String::strip).filter(cell -> !cell.isEmpty()).toList();
            throw new FileRejected(ErrorCode.MISSING_FIELDS,
                "Missing required fields: " + String.join(", ", missing), missing, found);
        }
        return new Header(List.copyOf(cells), positions, List.copyOf(unknown));
    }

    /** The header cells as uploaded. */
    public List<String> cells() {
        return cells;
    }

    public List<String> unknownColumns() {
        return unknownColumns;
    }

    /** The raw value of the column in a record; missing trailing cells read as empty. */
    public String value(List<String> record, Column column) {
        int index = positions.get(column);
        return index < record.size() ? record.get(index) : "";
    }

    @Override
    public String toString() {
        return positions.entrySet().stream().map(e -> e.getKey().header() + "@" + e.getValue())
            .collect(Collectors.joining(", ", "Header[", "]"));
    }
}
