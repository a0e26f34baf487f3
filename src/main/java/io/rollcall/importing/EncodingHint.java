package io.rollcall.importing;

import java.util.ArrayList;
import java.util.List;

import io.rollcall.importing.parse.Column;
import io.rollcall.importing.parse.FileEncoding;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.ParsedRow;
import io.rollcall.importing.parse.RosterFormat;

/**
 * The warning for a file whose character set Rollcall had to guess: which one it used, and names
 * from the first rows as they were read, so that the admin sees at a glance whether "José" came out
 * right. Names with letters outside ASCII are preferred, since only they can come out wrong.
 */
final class EncodingHint {

    private static final int SAMPLES = 3;
    private static final int ROWS_LOOKED_AT = 1000;
    private static final int MAX_NAME = 40;

    private final Header header;
    private final List<String> telling = new ArrayList<>();
    private final List<String> plain = new ArrayList<>();
    private int rowsSeen;

    EncodingHint(Header header) {
        this.header = header;
    }

    void look(ParsedRow row) {
        if (++rowsSeen > ROWS_LOOKED_AT || telling.size() == SAMPLES) {
            return;
        }
        var name = (header.value(row.fields(), Column.FIRST_NAME).strip() + " "
            + header.value(row.fields(), Column.LAST_NAME).strip()).strip();
        if (name.isEmpty()) {
            return;
        }
        name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "…" : name;
        var sample = name + " (row " + row.row() + ")";
        if (name.chars().anyMatch(c -> c > 127)) {
            telling.add(sample);
        } else if (plain.size() < SAMPLES) {
            plain.add(sample);
        }
    }

    /** The message of the row-1 warning ENCODING_GUESSED. */
    String message(RosterFormat format) {
        var samples = new ArrayList<>(telling);
        for (int i = 0; samples.size() < SAMPLES && i < plain.size(); i++) {
            samples.add(plain.get(i));
        }
        var label = FileEncoding.labelOf(format.charset());
        var program = label.equals(FileEncoding.MACINTOSH.label()) ? "Mac Roman, as Excel for Mac saves \"CSV (Macintosh)\""
            : "Windows-1252, as Excel for Windows saves \"CSV (Comma delimited)\"";
        return "The file is not UTF-8 and does not say how it is encoded, so it was read as " + program + ". "
            + (samples.isEmpty() ? "" : "Names read: " + String.join(", ", samples) + ". ")
            + "If they look wrong, upload it again with its encoding chosen under File options";
    }
}
