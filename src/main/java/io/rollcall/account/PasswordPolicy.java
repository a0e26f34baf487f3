package io.rollcall.account;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

/** The one password rule: 8 to 128 characters, not blank. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final String DESCRIPTION = "Passwords must be 8 to 128 characters long and not only spaces.";

    private PasswordPolicy() {
    }

    /** @throws RollcallException with {@link ErrorCode#INVALID_PASSWORD} when the password breaks the rule */
    public static void check(String password) {
        if (password == null || password.isBlank() || password.length() < MIN_LENGTH
                || password.length() > MAX_LENGTH) {
            throw new RollcallException(ErrorCode.INVALID_PASSWORD, DESCRIPTION);
        }
    }
}
