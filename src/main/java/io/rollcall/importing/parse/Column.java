package io.rollcall.importing.parse;

import java.util.Locale;
import java.util.Optional;

/** The six required columns, in the order the contract lists them. */
public enum Column {
    FIRST_NAME("firstName", 100),
    LAST_NAME("lastName", 100),
    EMAIL("email", 254),
    IS_TEACHER("isTeacher", 0),
    ISSUED_ID("issuedID", 64),
    SCHOOL_ID("schoolID", 0);

    private final String header;
    private final int maxLength;

    Column(String header, int maxLength) {
        this.header = header;
        this.maxLength = maxLength;
    }

    /** The name as written in the template, e.g. {@code issuedID}. */
    public String header() {
        return header;
    }

    /** The longest value accepted, or 0 where the contract sets no limit. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * The column a header cell names, as spreadsheets and exports write it: any case, with or without
     * spaces, underscores and hyphens ("First Name", "first_name", "E-mail"), and "Email Address".
     */
    static Optional<Column> named(String headerCell) {
        var wanted = normalized(headerCell);
        if (wanted.equals("emailaddress")) {
            return Optional.of(EMAIL);
        }
        for (var column : values()) {
            if (normalized(column.header).equals(wanted)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static String normalized(String name) {
        var text = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '-') {
                text.append(c);
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
