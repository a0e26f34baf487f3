package io.rollcall.account;

/** In which capacity a person acts on an account: operators at every school, school admins at theirs. */
public enum Acting {
    OPERATOR,
    SCHOOL_ADMIN;

    public static Acting of(boolean operator) {
        return operator ? OPERATOR : SCHOOL_ADMIN;
    }
}
