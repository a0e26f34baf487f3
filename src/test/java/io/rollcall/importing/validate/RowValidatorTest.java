package io.rollcall.importing.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rollcall.account.Role;
import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FormatSniffer;
import io.rollcall.importing.parse.Header;
import io.rollcall.importing.parse.ParsedRow;
import io.rollcall.importing.parse.RosterReader;

class RowValidatorTest {

    private static final List<String> TEMPLATE =
        List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");
    private static final String SCHOOL = "648572";
    private static final String OTHER_SCHOOL = "111111";

    private final RowValidator validator = new RowValidator(Header.of(TEMPLATE), Set.of(SCHOOL, OTHER_SCHOOL), ',');

    @Test
    void acceptsValidStudent() {
        var checked = check(7, "Ada", "Lovelace", "ada@example.com", "0", "A1", SCHOOL);

        assertThat(checked).isEqualTo(
            new CheckedRow(7, "ada@example.com", "Ada", "Lovelace", Role.STUDENT, "A1", SCHOOL, List.of()));
        assertThat(checked.valid()).isTrue();
    }

    @Test
    void readsIsTeacherOneAsInstructor() {
        assertThat(check(2, "Alan", "Turing", "alan@example.com", "1", "A2", OTHER_SCHOOL).role())
            .isEqualTo(Role.INSTRUCTOR);
    }

    @Test
    void trimsValues() {
        var checked = check(2, "  Ada ", "\tLovelace", " ada@example.com  ", " 1 ", " A1 ", " 648572 ");

        assertThat(checked).isEqualTo(
            new CheckedRow(2, "ada@example.com", "Ada", "Lovelace", Role.INSTRUCTOR, "A1", SCHOOL, List.of()));
    }

    @Test
    void keepsCaseOfValues() {
        var checked = check(2, "ADA", "de Morgan", "Ada.Lovelace@Example.COM", "0", "a1B", SCHOOL);

        assertThat(checked.firstName()).isEqualTo("ADA");
        assertThat(checked.lastName()).isEqualTo("de Morgan");
        assertThat(checked.email()).isEqualTo("Ada.Lovelace@Example.COM");
        assertThat(checked.issuedId()).isEqualTo("a1B");
        assertThat(checked.valid()).isTrue();
    }

    @Test
    void readsColumnsByHeaderNotByPosition() {
        var validator = new RowValidator(
            Header.of(List.of("Grade", "schoolID", "EMAIL", "issuedID", "isTeacher", "lastName", "firstName")),
            Set.of(SCHOOL), ',');

        var checked = validator.check(new ParsedRow(2, List.of("7", SCHOOL, "ada@example.com", "A1", "1", "Lovelace", "Ada")));

        assertThat(checked).isEqualTo(
            new CheckedRow(2, "ada@example.com", "Ada", "Lovelace", Role.INSTRUCTOR, "A1", SCHOOL, List.of()));
    }

    @Test
    void requiresFirstName() {
        assertOnlyError(check(2, " ", "Lovelace", "ada@example.com", "0", "A1", SCHOOL),
            "firstName", ErrorCode.MISSING_VALUE, "firstName is required");
    }

    @Test
    void requiresLastName() {
        assertOnlyError(check(2, "Ada", "", "ada@example.com", "0", "A1", SCHOOL),
            "lastName", ErrorCode.MISSING_VALUE, "lastName is required");
    }

    @Test
    void requiresEmail() {
        var checked = check(2, "Ada", "Lovelace", "   ", "0", "A1", SCHOOL);

        assertThat(checked.errors()).containsExactly(
            new RowError(2, null, "email", ErrorCode.MISSING_VALUE, "email is required"));
        assertThat(checked.email()).isNull();
    }

    @Test
    void requiresIsTeacher() {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", "", "A1", SCHOOL);

        assertOnlyError(checked, "isTeacher", ErrorCode.MISSING_VALUE, "isTeacher is required");
        assertThat(checked.role()).isNull();
    }

    @Test
    void requiresIssuedId() {
        assertOnlyError(check(2, "Ada", "Lovelace", "ada@example.com", "0", "\t", SCHOOL),
            "issuedID", ErrorCode.MISSING_VALUE, "issuedID is required");
    }

    @Test
    void requiresSchoolId() {
        assertOnlyError(check(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", ""),
            "schoolID", ErrorCode.MISSING_VALUE, "schoolID is required");
    }

    @Test
    void reportsMissingTrailingCellsAsMissingValues() {
        var checked = validator.check(new ParsedRow(5, List.of("Ada", "Lovelace", "ada@example.com", "0")));

        assertThat(checked.errors()).containsExactly(
            new RowError(5, "ada@example.com", "issuedID", ErrorCode.MISSING_VALUE, "issuedID is required"),
            new RowError(5, "ada@example.com", "schoolID", ErrorCode.MISSING_VALUE, "schoolID is required"));
    }

    @Test
    void reportsEveryBlankFieldInContractOrder() {
        var checked = check(9, "", "", "", "", "", "");

        assertThat(checked.errors()).extracting(RowError::row, RowError::field, RowError::code, RowError::message)
            .containsExactly(
                tuple(9L, "firstName", ErrorCode.MISSING_VALUE, "firstName is required"),
                tuple(9L, "lastName", ErrorCode.MISSING_VALUE, "lastName is required"),
                tuple(9L, "email", ErrorCode.MISSING_VALUE, "email is required"),
                tuple(9L, "isTeacher", ErrorCode.MISSING_VALUE, "isTeacher is required"),
                tuple(9L, "issuedID", ErrorCode.MISSING_VALUE, "issuedID is required"),
                tuple(9L, "schoolID", ErrorCode.MISSING_VALUE, "schoolID is required"));
        assertThat(checked).isEqualTo(new CheckedRow(9, null, null, null, null, null, null, checked.errors()));
    }

    @Test
    void acceptsNamesOf100Characters() {
        var checked = check(2, "A".repeat(100), "L".repeat(100), "ada@example.com", "0", "A1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.firstName()).hasSize(100);
    }

    @Test
    void rejectsFirstNameLongerThan100Characters() {
        var checked = check(2, "A".repeat(101), "Lovelace", "ada@example.com", "0", "A1", SCHOOL);

        assertOnlyError(checked, "firstName", ErrorCode.VALUE_TOO_LONG, "firstName is longer than 100 characters");
        assertThat(checked.firstName()).isNull();
    }

    @Test
    void rejectsLastNameLongerThan100Characters() {
        assertOnlyError(check(2, "Ada", "L".repeat(101), "ada@example.com", "0", "A1", SCHOOL),
            "lastName", ErrorCode.VALUE_TOO_LONG, "lastName is longer than 100 characters");
    }

    @Test
    void measuresLengthAfterTrimming() {
        assertThat(check(2, "  " + "A".repeat(100) + "  ", "Lovelace", "ada@example.com", "0", "A1", SCHOOL).errors())
            .isEmpty();
    }

    @Test
    void acceptsEmailOf254Characters() {
        var email = email(254);

        var checked = check(2, "Ada", "Lovelace", email, "0", "A1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.email()).isEqualTo(email);
    }

    @Test
    void rejectsEmailLongerThan254CharactersOnce() {
        var email = email(255);

        var checked = check(2, "Ada", "Lovelace", email, "0", "A1", SCHOOL);

        // The error names the row by the email as the report keeps it: its first 254 characters.
        assertThat(checked.errors()).containsExactly(new RowError(2, email.substring(0, 254), "email",
            ErrorCode.VALUE_TOO_LONG, "email is longer than 254 characters"));
        assertThat(checked.email()).isNull();
    }

    @Test
    void acceptsIssuedIdOf64Characters() {
        assertThat(check(2, "Ada", "Lovelace", "ada@example.com", "0", "9".repeat(64), SCHOOL).errors()).isEmpty();
    }

    @Test
    void rejectsIssuedIdLongerThan64Characters() {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", "0", "9".repeat(65), SCHOOL);

        assertOnlyError(checked, "issuedID", ErrorCode.VALUE_TOO_LONG, "issuedID is longer than 64 characters");
        assertThat(checked.issuedId()).isNull();
    }

    @Test
    void rejectsNulInField() {
        var checked = check(2, "Ada\u0000", "Lovelace", "ada@example.com", "0", "A1", SCHOOL);

        assertOnlyError(checked, "firstName", ErrorCode.INVALID_CHARACTER, "firstName contains a control character");
        assertThat(checked.firstName()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F"})
    void rejectsControlCharacterInsideValue(String control) {
        assertOnlyError(check(2, "Ada", "Love" + control + "lace", "ada@example.com", "0", "A1", SCHOOL),
            "lastName", ErrorCode.INVALID_CHARACTER, "lastName contains a control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void namesALineBreakInsideAValue(String lineBreak) {
        // Alt+Enter in an Excel cell: the quoted field holds a line break, which is no control character to the admin.
        assertOnlyError(check(2, "Ada", "Love" + lineBreak + "lace", "ada@example.com", "0", "A1", SCHOOL),
            "lastName", ErrorCode.INVALID_CHARACTER, "lastName contains a line break");
        assertOnlyError(check(2, "Ada", "Lovelace", "ada@example.com", "0", "A" + lineBreak + "1", SCHOOL),
            "issuedID", ErrorCode.INVALID_CHARACTER, "issuedID contains a line break");
    }

    @Test
    void rejectsTabInCommaSeparatedFile() {
        assertOnlyError(check(2, "Ada\tAugusta", "Lovelace", "ada@example.com", "0", "A1", SCHOOL),
            "firstName", ErrorCode.INVALID_CHARACTER, "firstName contains a control character");
    }

    @Test
    void rejectsTabInSemicolonSeparatedFile() {
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of(SCHOOL), ';');

        var checked = validator.check(row(2, "Ada\tAugusta", "Lovelace", "ada@example.com", "0", "A1", SCHOOL));

        assertOnlyError(checked, "firstName", ErrorCode.INVALID_CHARACTER, "firstName contains a control character");
    }

    @Test
    void acceptsTabInsideValueOfTabSeparatedFile() {
        // A quoted tab in a tab-separated file is the file's own delimiter, written as data on purpose.
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of(SCHOOL), '\t');

        var checked = validator.check(row(2, "Ada\tAugusta", "Lovelace", "ada@example.com", "0", "A1", SCHOOL));

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.firstName()).isEqualTo("Ada\tAugusta");
    }

    @Test
    void stillRejectsOtherControlCharactersInTabSeparatedFile() {
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of(SCHOOL), '\t');

        var checked = validator.check(row(2, "Ada\u0000", "Lovelace", "ada@example.com", "0", "A1", SCHOOL));

        assertOnlyError(checked, "firstName", ErrorCode.INVALID_CHARACTER, "firstName contains a control character");
    }

    @Test
    void acceptsNonAsciiLettersAndSpaces() {
        var checked = check(2, "José María", "Ñúñez-Ångström", "jose@example.com", "0", "Ø-1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
    }

    @Test
    void rejectsControlCharacterInEmailWithoutAlsoReportingInvalidEmail() {
        var checked = check(2, "Ada", "Lovelace", "ada\u0000@example.com", "0", "A1", SCHOOL);

        assertOnlyError(checked, "email", ErrorCode.INVALID_CHARACTER, "email contains a control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "ada@", "@example.com", "ada@@example.com", "ada@example",
        "ada lovelace@example.com", "ada@exa mple.com", "ada@localhost", "ada@b.invalidtld", "ada@example.c",
        "ada.@example.com", "ada@example..com", "ada@-example.com", "ada@127.0.0.1", "ada,lovelace@example.com"})
    void rejectsInvalidEmail(String email) {
        var checked = check(4, "Ada", "Lovelace", email, "0", "A1", SCHOOL);

        assertThat(checked.errors()).containsExactly(
            new RowError(4, email, "email", ErrorCode.INVALID_EMAIL, "Validation isEmail on email failed"));
        assertThat(checked.email()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "ada+maths@example.com", "ada.lovelace@mail.example.co.uk",
        "ADA@EXAMPLE.COM", "o'brien@example.ie", "ada_l-1@sub.example.school", "ada@bücher.de",
        "ada@пример.рф", "ada@例え.jp", "josé@example.com", "ada@xn--bcher-kva.de"})
    void acceptsValidEmail(String email) {
        var checked = check(2, "Ada", "Lovelace", email, "0", "A1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.email()).isEqualTo(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "TRUE", "true", "Yes", "YES", "y", "Y"})
    void readsWhatCheckboxColumnsExportForAnInstructor(String isTeacher) {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", isTeacher, "A1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.role()).isEqualTo(Role.INSTRUCTOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "FALSE", "false", "No", "NO", "n", "N"})
    void readsWhatCheckboxColumnsExportForAStudent(String isTeacher) {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", isTeacher, "A1", SCHOOL);

        assertThat(checked.errors()).isEmpty();
        assertThat(checked.role()).isEqualTo(Role.STUDENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-1", "01", "1.0", "yess", "t", "f", "O", "0 1", "oui", "x"})
    void rejectsIsTeacherOtherThanZeroOrOne(String isTeacher) {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", isTeacher, "A1", SCHOOL);

        assertOnlyError(checked, "isTeacher", ErrorCode.INVALID_IS_TEACHER, "isTeacher must be 0 or 1");
        assertThat(checked.role()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.48726E+11", "1E+11", "9.9e+20"})
    void rejectsAnIssuedIdASpreadsheetRounded(String issuedId) {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", "0", issuedId, SCHOOL);

        assertOnlyError(checked, "issuedID", ErrorCode.INVALID_ISSUED_ID, "issuedID looks rounded by a spreadsheet ("
            + issuedId + "); format the column as Text and export again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"148726000000", "E1234", "1E5", "2E-10", "A1.5E+3", "1.48726E+11x"})
    void keepsIssuedIdsThatOnlyLookLikeNumbers(String issuedId) {
        assertThat(check(2, "Ada", "Lovelace", "ada@example.com", "0", issuedId, SCHOOL).errors()).isEmpty();
    }

    @Test
    void rejectsUnknownSchool() {
        var checked = check(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", "999999");

        assertOnlyError(checked, "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school");
        assertThat(checked.schoolId()).isNull();
    }

    @Test
    void rejectsSchoolTheUploaderDoesNotAdminister() {
        // 111111 exists, but this uploader administers only 648572: same answer as an unknown school.
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of(SCHOOL), ',');

        var checked = validator.check(row(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", OTHER_SCHOOL));

        assertOnlyError(checked, "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school");
    }

    @ParameterizedTest
    @ValueSource(strings = {"648", "0648", "00648"})
    void hintsAtLeadingZerosASpreadsheetDropped(String written) {
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of("000648", SCHOOL), ',');

        assertOnlyError(validator.check(row(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", written)),
            "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school. Did a spreadsheet drop leading zeros?"
                + " You administer school 000648; format the schoolID column as Text and export again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6480", "0649", "000648", "A648", "0000648"})
    void givesNoZerosHintWhenNoSchoolOfTheUploaderMatches(String written) {
        // The uploader administers 00648 only; whatever else exists is never named.
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of("00648"), ',');

        assertOnlyError(validator.check(row(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", written)),
            "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school");
    }

    @Test
    void rejectsEverySchoolWhenUploaderAdministersNone() {
        var validator = new RowValidator(Header.of(TEMPLATE), Set.of(), ',');

        assertOnlyError(validator.check(row(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", SCHOOL)),
            "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school");
    }

    @Test
    void comparesSchoolIdExactly() {
        assertThat(check(2, "Ada", "Lovelace", "ada@example.com", "0", "A1", "0648572").errors())
            .extracting(RowError::code).containsExactly(ErrorCode.UNAUTHORIZED_SCHOOL);
    }

    @Test
    void reportsOneErrorPerFailingCheckInColumnOrder() {
        var checked = check(12, "", "L".repeat(101), " ada@b.invalidtld ", "2", "A\u00001", "999999");

        assertThat(checked.errors()).containsExactly(
            new RowError(12, "ada@b.invalidtld", "firstName", ErrorCode.MISSING_VALUE, "firstName is required"),
            new RowError(12, "ada@b.invalidtld", "lastName", ErrorCode.VALUE_TOO_LONG,
                "lastName is longer than 100 characters"),
            new RowError(12, "ada@b.invalidtld", "email", ErrorCode.INVALID_EMAIL, "Validation isEmail on email failed"),
            new RowError(12, "ada@b.invalidtld", "isTeacher", ErrorCode.INVALID_IS_TEACHER, "isTeacher must be 0 or 1"),
            new RowError(12, "ada@b.invalidtld", "issuedID", ErrorCode.INVALID_CHARACTER,
                "issuedID contains a control character"),
            new RowError(12, "ada@b.invalidtld", "schoolID", ErrorCode.UNAUTHORIZED_SCHOOL, "Unauthorized school"));
        assertThat(checked).isEqualTo(new CheckedRow(12, null, null, null, null, null, null, checked.errors()));
        assertThat(checked.valid()).isFalse();
    }

    @Test
    void keepsPassingValuesWhenOthersFail() {
        var checked = check(3, "Ada", "Lovelace", "ada@example.com", "x", "A1", "999999");

        assertThat(checked).isEqualTo(new CheckedRow(3, "ada@example.com", "Ada", "Lovelace", null, "A1", null,
            checked.errors()));
        assertThat(checked.errors()).extracting(RowError::code)
            .containsExactly(ErrorCode.INVALID_IS_TEACHER, ErrorCode.UNAUTHORIZED_SCHOOL);
    }

    @Test
    void flagsSingleNulByteOfUploadedFileAsRowError() throws IOException {
        var file = ("firstName,lastName,email,isTeacher,issuedID,schoolID\n\n"
            + "Ada,Love\u0000lace,ada@example.com,0,A1,648572\n"
            + "Alan,Turing,alan@example.com,1,A2,648572\n").getBytes(StandardCharsets.UTF_8);
        var format = FormatSniffer.sniff(() -> new ByteArrayInputStream(file));
        var checked = new ArrayList<CheckedRow>();
        try (var reader = RosterReader.open(new ByteArrayInputStream(file), format, 100)) {
            var validator = new RowValidator(reader.header(), Set.of(SCHOOL), format.delimiter());
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                checked.add(validator.check(row.get()));
            }
        }

        assertThat(checked).hasSize(2);
        assertThat(checked.get(0).errors()).containsExactly(new RowError(3, "ada@example.com", "lastName",
            ErrorCode.INVALID_CHARACTER, "lastName contains a control character"));
        assertThat(checked.get(1).valid()).isTrue();
    }

    private CheckedRow check(long row, String... values) {
        return validator.check(row(row, values));
    }

    private static ParsedRow row(long row, String... values) {
        return new ParsedRow(row, List.of(values));
    }

    private static void assertOnlyError(CheckedRow checked, String field, ErrorCode code, String message) {
        assertThat(checked.errors()).singleElement()
            .extracting(RowError::row, RowError::field, RowError::code, RowError::message)
            .containsExactly(checked.row(), field, code, message);
        assertThat(checked.valid()).isFalse();
    }

    /** A valid address of exactly {@code length} characters: 64-character local part, labels of at most 63. */
    private static String email(int length) {
        var local = "a".repeat(64);
        var domain = new StringBuilder();
        int remaining = length - local.length() - 1 - ".com".length();
        while (remaining > 0) {
            int label = Math.min(63, remaining - (domain.length() > 0 ? 1 : 0));
            if (domain.length() > 0) {
                domain.append('.');
            }
            domain.append("b".repeat(label));
            remaining = length - local.length() - 1 - ".com".length() - domain.length();
        }
        var email = local + "@" + domain + ".com";
        assertThat(email).hasSize(length);
        return email;
    }
}
