package io.rollcall.importing.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rollcall.account.Role;
import io.rollcall.error.ErrorCode;

class CheckedRowTest {

    @Test
    void isValidWithoutErrors() {
        var row = new CheckedRow(2, "ada@example.com", "Ada", "Lovelace", Role.STUDENT, "A1", "648572", List.of());

        assertThat(row.valid()).isTrue();
    }

    @Test
    void isInvalidWithAnError() {
        var error = new RowError(2, "ada@", "email", ErrorCode.INVALID_EMAIL, "Validation isEmail on email failed");
        var row = new CheckedRow(2, null, "Ada", "Lovelace", Role.STUDENT, "A1", "648572", List.of(error));

        assertThat(row.valid()).isFalse();
    }
}
