package io.rollcall.importing.validate;

import io.rollcall.error.ErrorCode;

/**
 * Why one row was not written: its spreadsheet row, the email as written (may be null), the
 * column at fault (may be null) and the contract's code and message.
 */
public record RowError(long row, String email, String field, ErrorCode code, String message) {
}
