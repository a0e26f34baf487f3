package io.rollcall.importing.validate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.rollcall.account.Role;
import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.Column;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.ParsedRow;

/**
 * The checks one row can pass or fail on its own, without the database: required values,
 * lengths, control characters, email syntax and top-level domain, isTeacher, and whether the
 * uploader administers the school. Pure and thread-safe.
 */
public final class RowValidator {

    static final String UNAUTHORIZED_SCHOOL = "Unauthorized school";
    private static final int REPORTED_EMAIL_CHARS = 254;
    // A number a spreadsheet has shown in scientific notation, and so rounded: 1.48726E+11.
    private static final Pattern SCIENTIFIC = Pattern.compile("[0-9](\\.[0-9]+)?[eE]\\+[0-9]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final EmailCheck EMAILS = new EmailCheck();

    private final Header header;
    private final Set<String> authorizedSchools;
    private final boolean tabSeparated;

    /**
     * @param authorizedSchools the schools the uploader may import into; any other schoolID,
     *     existing or not, fails the same way
     */
    public RowValidator(Header header, Set<String> authorizedSchools, char delimiter) {
        this.header = header;
        this.authorizedSchools = authorizedSchools;
        this.tabSeparated = delimiter == '\t';
    }

    public CheckedRow check(ParsedRow parsed) {
        var errors = new ArrayList<RowError>();
        var rawEmail = header.value(parsed.fields(), Column.EMAIL).strip();
        // As written, to name the row in its errors; cut where the report would cut it, so that a
        // batch of errors stays small whatever the cell held.
        var email = rawEmail.isEmpty() ? null : rawEmail.substring(0, Math.min(rawEmail.length(), REPORTED_EMAIL_CHARS));
        var values = new EnumMap<Column, String>(Column.class);
        for (var column : Column.values()) {
            var value = header.value(parsed.fields(), column).strip();
            var error = basicCheck(column, value);
            if (error == null) {
                error = specificCheck(column, value);
            }
            if (error != null) {
                errors.add(new RowError(parsed.row(), email, column.header(), error.code(), error.message()));
            } else {
                values.put(column, value);
            }
        }
        var isTeacher = values.get(Column.IS_TEACHER);
        return new CheckedRow(parsed.row(), values.get(Column.EMAIL), values.get(Column.FIRST_NAME),
            values.get(Column.LAST_NAME), isTeacher == null ? null : Role.ofIsTeacher(isTeacher(isTeacher).orElseThrow()),
            values.get(Column.ISSUED_ID), values.get(Column.SCHOOL_ID), List.copyOf(errors));
    }

    private record Failure(ErrorCode code, String message) {
    }

    private Failure basicCheck(Column column, String value) {
        if (value.isEmpty()) {
            return new Failure(ErrorCode.MISSING_VALUE, column.header() + " is required");
        }
        if (column.maxLength() > 0 && value.length() > column.maxLength()) {
            return new Failure(ErrorCode.VALUE_TOO_LONG,
                column.header() + " is longer than " + column.maxLength() + " characters");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return new Failure(ErrorCode.INVALID_CHARACTER, column.header() + " contains a line break");
        }
        if (hasControlCharacter(value)) {
            return new Failure(ErrorCode.INVALID_CHARACTER, column.header() + " contains a control character");
        }
        return null;
    }

    private Failure specificCheck(Column column, String value) {
        return switch (column) {
            case EMAIL -> EMAILS.isValid(value) ? null
                : new Failure(ErrorCode.INVALID_EMAIL, "Validation isEmail on email failed");
            case IS_TEACHER -> isTeacher(value).isPresent() ? null
                : new Failure(ErrorCode.INVALID_IS_TEACHER, "isTeacher must be 0 or 1");
            // Without a plus sign no value is rounded (and the pattern need not run, once per row).
            case ISSUED_ID -> value.indexOf('+') < 0 || !SCIENTIFIC.matcher(value).matches() ? null
                : new Failure(ErrorCode.INVALID_ISSUED_ID, "issuedID looks rounded by a spreadsheet (" + value
                    + "); format the column as Text and export again");
            case SCHOOL_ID -> authorizedSchools.contains(value) ? null
                : new Failure(ErrorCode.UNAUTHORIZED_SCHOOL, unauthorizedSchool(value));
            default -> null;
        };
    }

    /**
     * "Unauthorized school", with a hint when a spreadsheet has likely dropped the school's leading
     * zeros: 648 where the uploader administers 00648. Names only the uploader's own schools.
     */
    private String unauthorizedSchool(String value) {
        if (!DIGITS.matcher(value).matches()) {
            return UNAUTHORIZED_SCHOOL;
        }
        var significant = withoutLeadingZeros(value);
        return authorizedSchools.stream()
            .filter(school -> DIGITS.matcher(school).matches() && school.length() > value.length()
                && withoutLeadingZeros(school).equals(significant))
            .sorted()
            .findFirst()
            .map(school -> UNAUTHORIZED_SCHOOL + ". Did a spreadsheet drop leading zeros? You administer school "
                + school + "; format the schoolID column as Text and export again")
            .orElse(UNAUTHORIZED_SCHOOL);
    }

    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /**
     * isTeacher as spreadsheets write it: 1 or 0, and what a checkbox column exports (TRUE/FALSE,
     * yes/no, y/n, in any case). Empty for anything else.
     */
    static Optional<Boolean> isTeacher(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y" -> Optional.of(true);
            case "0", "false", "no", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' && tabSeparated) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
