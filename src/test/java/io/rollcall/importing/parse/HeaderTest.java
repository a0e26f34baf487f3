package io.rollcall.importing.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcall.error.ErrorCode;

class HeaderTest {

    private static final List<String> TEMPLATE =
        List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");

    @Test
    void findsEachColumnInTemplateOrder() {
        var header = Header.of(TEMPLATE);
        var record = List.of("Ada", "Lovelace", "ada@example.com", "0", "A1", "648572");

        assertThat(header.value(record, Column.FIRST_NAME)).isEqualTo("Ada");
        assertThat(header.value(record, Column.LAST_NAME)).isEqualTo("Lovelace");
        assertThat(header.value(record, Column.EMAIL)).isEqualTo("ada@example.com");
        assertThat(header.value(record, Column.IS_TEACHER)).isEqualTo("0");
        assertThat(header.value(record, Column.ISSUED_ID)).isEqualTo("A1");
        assertThat(header.value(record, Column.SCHOOL_ID)).isEqualTo("648572");
    }

    @Test
    void findsColumnsInAnyOrder() {
        var header = Header.of(List.of("schoolID", "email", "issuedID", "lastName", "isTeacher", "firstName"));
        var record = List.of("648572", "ada@example.com", "A1", "Lovelace", "1", "Ada");

        assertThat(header.value(record, Column.FIRST_NAME)).isEqualTo("Ada");
        assertThat(header.value(record, Column.LAST_NAME)).isEqualTo("Lovelace");
        assertThat(header.value(record, Column.EMAIL)).isEqualTo("ada@example.com");
        assertThat(header.value(record, Column.IS_TEACHER)).isEqualTo("1");
        assertThat(header.value(record, Column.ISSUED_ID)).isEqualTo("A1");
        assertThat(header.value(record, Column.SCHOOL_ID)).isEqualTo("648572");
    }

    @Test
    void matchesNamesIgnoringCaseAndSurroundingWhitespace() {
        var header = Header.of(List.of(" FIRSTNAME", "lastname ", "\tEmail", "ISTEACHER", " IssuedId ", "SCHOOLID"));

        assertThat(header.value(List.of("a", "b", "c", "d", "e", "f"), Column.ISSUED_ID)).isEqualTo("e");
        assertThat(header.unknownColumns()).isEmpty();
    }

    @Test
    void reportsUnknownColumnsTrimmedInFileOrder() {
        var header = Header.of(List.of("firstName", " Grade ", "lastName", "email", "isTeacher", "issuedID",
            "schoolID", "Homeroom"));

        assertThat(header.unknownColumns()).containsExactly("Grade", "Homeroom");
    }

    @Test
    void skipsUnknownColumnsWhenReadingValues() {
        var header = Header.of(List.of("Grade", "firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID"));

        assertThat(header.value(List.of("7", "Ada", "Lovelace", "ada@example.com", "0", "A1", "648572"),
            Column.FIRST_NAME)).isEqualTo("Ada");
    }

    @Test
    void ignoresBlankHeaderCells() {
        var header = Header.of(List.of("firstName", "", "lastName", "  ", "email", "isTeacher", "issuedID",
            "schoolID", ""));

        assertThat(header.unknownColumns()).isEmpty();
        assertThat(header.value(List.of("Ada", "x", "Lovelace", "y", "ada@example.com"), Column.EMAIL))
            .isEqualTo("ada@example.com");
    }

    @Test
    void keepsHeaderCellsAsUploaded() {
        var cells = List.of(" First Name?", "firstName", "lastName", "email", "isTeacher", "issuedID", "SchoolID ");

        assertThat(Header.of(cells).cells()).isEqualTo(cells);
    }

    @Test
    void readsMissingTrailingCellsAsEmpty() {
        var header = Header.of(TEMPLATE);

        assertThat(header.value(List.of("Ada", "Lovelace"), Column.SCHOOL_ID)).isEmpty();
    }

    @Test
    void returnsValuesUntrimmed() {
        var header = Header.of(TEMPLATE);

        assertThat(header.value(List.of(" Ada "), Column.FIRST_NAME)).isEqualTo(" Ada ");
    }

    @Test
    void namesMissingFieldsInContractOrder() {
        var e = reject(List.of("schoolID", "isTeacher", "lastName", "issuedID", "firstName"));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("Missing required fields: email");
        assertThat(e.missingFields()).containsExactly("email");
    }

    @Test
    void namesEmailAndSchoolIdWhenBothAreMissing() {
        var e = reject(List.of("issuedID", "lastName", "isTeacher", "firstName", "school"));

        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELDS);
        assertThat(e.getMessage()).isEqualTo("Missing required fields: email, schoolID");
        assertThat(e.missingFields()).containsExactly("email", "schoolID");
    }

    @Test
    void namesAllSixFieldsWhenNoneIsPresent() {
        var e = reject(List.of("name", "mail"));

        assertThat(e.getMessage())
            .isEqualTo("Missing required fields: firstName, lastName, email, isTeacher, issuedID, schoolID");
        assertThat(e.missingFields())
            .containsExactly("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");
    }

    @Test
    void rejectsColumnNamedTwice() {
        var e = reject(List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID", " EMAIL "));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
        assertThat(e.getMessage()).isEqualTo("Column email appears more than once in the header");
        assertThat(e.missingFields()).isEmpty();
    }

    @Test
    void reportsDuplicateColumnBeforeMissingFields() {
        var e = reject(List.of("issuedID", "IssuedID"));

        assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
        assertThat(e.getMessage()).isEqualTo("Column issuedID appears more than once in the header");
    }

    @Test
    void acceptsUnknownColumnNamedTwice() {
        var header = Header.of(List.of("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID",
            "note", "note"));

        assertThat(header.unknownColumns()).containsExactly("note", "note");
    }

    @Test
    void acceptsExactly1000Columns() {
        var header = Header.of(columns(1000));

        assertThat(header.cells()).hasSize(1000);
        assertThat(header.unknownColumns()).hasSize(994);
    }

    @Test
    void rejectsMoreThan1000Columns() {
        var e = reject(columns(1001));

        assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
        assertThat(e.getMessage()).isEqualTo("The header has 1001 columns; at most 1000 are allowed");
    }

    @Test
    void reportsTooManyColumnsBeforeMissingFields() {
        var cells = new ArrayList<String>();
        for (int i = 0; i < 1001; i++) {
            cells.add("extra" + i);
        }

        assertThat(reject(cells).code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
    }

    private static List<String> columns(int count) {
        var cells = new ArrayList<>(TEMPLATE);
        while (cells.size() < count) {
            cells.add("extra" + cells.size());
        }
        return cells;
    }

    private static FileRejected reject(List<String> cells) {
        var e = catchThrowableOfType(FileRejected.class, () -> Header.of(cells));
        assertThat(e).as("Header.of(%s) should be rejected", cells).isNotNull();
        return e;
    }
}
