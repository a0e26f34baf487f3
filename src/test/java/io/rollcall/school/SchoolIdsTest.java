package io.rollcall.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchoolIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"648572", "0042", "A.b_c-9", "x"})
    void acceptsLettersDigitsDotsUnderscoresAndHyphens(String id) {
        assertThat(SchoolIds.check(" " + id + " ")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a|b", "x^y", "50%", "tab\there", "new\nline", "spa ce", "é", "../up", "a/b"})
    void refusesAnythingElse(String id) {
        var e = catchThrowableOfType(RollcallException.class, () -> SchoolIds.check(id));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHOOL_ID);
        assertThat(e.getMessage()).isEqualTo(SchoolIds.RULE);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void takesAtMost64Characters(int length) {
        var id = "a".repeat(length);
        if (length <= 64) {
            assertThat(SchoolIds.check(id)).isEqualTo(id);
        } else {
            assertThat(catchThrowableOfType(RollcallException.class, () -> SchoolIds.check(id)).code())
                .isEqualTo(ErrorCode.INVALID_SCHOOL_ID);
        }
    }
}
