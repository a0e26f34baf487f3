package io.rollcall.account;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

/**
 * The one password rule: 8 to 128 characters (code points, so an emoji or a CJK character counts
 * once), not blank. Every password it accepts is stored whole and signs in exactly as typed.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final String DESCRIPTION = "Passwords must be 8 to 128 characters long and not only spaces.";

    private PasswordPolicy() {
    }

    /** @throws RollcallException with {@link ErrorCode#INVALID_PASSWORD} when the password breaks the rule */
    public static void check(String password) {
        if (password == null || password.isBlank()) {
            throw new RollcallException(ErrorCode.INVALID_PASSWORD, DESCRIPTION);
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new RollcallException(ErrorCode.INVALID_PASSWORD, DESCRIPTION);
        }
    }
}
