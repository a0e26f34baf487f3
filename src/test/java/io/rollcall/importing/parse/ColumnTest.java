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
    void namesNoColumnForOtherSpellings() {
        assertThat(Column.named("first name")).isEmpty();
        assertThat(Column.named("e-mail")).isEmpty();
        assertThat(Column.named("issuedIDs")).isEmpty();
        assertThat(Column.named("")).isEmpty();
    }
}
