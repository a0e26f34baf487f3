package io.rollcall.api;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

/** Translations from the signed-in person to what the features need. */
final class Viewers {

    private Viewers() {
    }

    static void requireAdmin(CurrentUser user) {
        if (!user.isAdmin()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only school admins and operators can do this");
        }
    }

    static void requireOperator(CurrentUser user) {
        if (!user.operator()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "Only operators (account managers) can do this");
        }
    }

    static void requireAdminOf(CurrentUser user, String schoolId) {
        if (!user.canAdminister(schoolId)) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "You are not an admin at school " + schoolId);
        }
    }
}
