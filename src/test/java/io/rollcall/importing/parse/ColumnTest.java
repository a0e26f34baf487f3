package io.rollcall.importing.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void listsTheSixRequiredColumnsInContractOrder() {
        assertThat(Arrays.stream(Column.values()).map(Column::header))
            .containsExactly("firstName", "lastName", "email", "isTeacher", "issuedID", "schoolID");
    }

    @Test
    void limitsNamesTo100EmailTo254AndIssuedIdTo64Characters() {
        assertThat(Column.FIRST_NAME.maxLength()).isEqualTo(100);
        assertThat(Column.LAST_NAME.maxLength()).isEqualTo(100);
        assertThat(Column.EMAIL.maxLength()).isEqualTo(254);
        assertThat(Column.ISSUED_ID.maxLength()).isEqualTo(64);
    }

    @Test
    void setsNoLengthLimitOnIsTeacherAndSchoolId() {
        assertThat(Column.IS_TEACHER.maxLength()).isZero();
        assertThat(Column.SCHOOL_ID.maxLength()).isZero();
    }

    @Test
    void namesColumnIgnoringCase() {
        assertThat(Column.named("ISSUEDID")).contains(Column.ISSUED_ID);
        assertThat(Column.named("schoolId")).contains(Column.SCHOOL_ID);
        assertThat(Column.named("FirstName")).contains(Column.FIRST_NAME);
        assertThat(Column.named("Email")).contains(Column.EMAIL);
    }

    @Test
    void namesColumnIgnoringSurroundingWhitespace() {
        assertThat(Column.named("  isTeacher\t")).contains(Column.IS_TEACHER);
        assertThat(Column.named(" lastName ")).contains(Column.LAST_NAME);
    }

    @Test
    void namesColumnIgnoringSpacesUnderscoresAndHyphens() {
        assertThat(Column.named("First Name")).contains(Column.FIRST_NAME);
        assertThat(Column.named("first_name")).contains(Column.FIRST_NAME);
        assertThat(Column.named("LAST-NAME")).contains(Column.LAST_NAME);
        assertThat(Column.named("Is Teacher")).contains(Column.IS_TEACHER);
        assertThat(Column.named("issued_id")).contains(Column.ISSUED_ID);
        assertThat(Column.named("School ID")).contains(Column.SCHOOL_ID);
    }

    @Test
    void namesTheEmailColumnAsSpreadsheetsDo() {
        assertThat(Column.named("E-mail")).contains(Column.EMAIL);
        assertThat(Column.named("Email Address")).contains(Column.EMAIL);
        assertThat(Column.named("email_address")).contains(Column.EMAIL);
    }

    @Test
    void namesNoColumnForOtherWords() {
        assertThat(Column.named("issuedIDs")).isEmpty();
        assertThat(Column.named("mail")).isEmpty();
        assertThat(Column.named("first")).isEmpty();
        assertThat(Column.named("")).isEmpty();
    }
}
