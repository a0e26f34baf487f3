package io.rollcall.api;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.Uploader;

/** Translations from the signed-in person to what the features need. */
final class Viewers {

    private Viewers() {
    }

    static Uploader uploader(CurrentUser user) {
        return new Uploader(user.accountId(), user.operator(), user.adminSchools());
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

    /** Page size as the contract sets it: default 100, at most 1000. */
    static int size(Integer size) {
        if (size == null) {
            return 100;
        }
        if (size < 1 || size > 1000) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "size must be between 1 and 1000");
        }
        return size;
    }

    static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "page must be 0 or more");
        }
        return page;
    }
}
