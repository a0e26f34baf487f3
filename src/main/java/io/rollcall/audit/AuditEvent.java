package io.rollcall.audit;

/** The kinds of security-relevant event the audit log keeps. */
public enum AuditEvent {
    SIGN_IN,
    SIGN_IN_FAILED,
    SIGN_IN_LOCKED,
    TOKEN_ISSUED,
    TOKEN_REVOKED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    IMPORT_STARTED,
    IMPORT_FINISHED,
    IMPORT_PURGED,
    SCHOOL_CREATED,
    POLICY_CHANGED,
    ADMIN_GRANTED,
    ADMIN_REVOKED,
    PASSWORD_SET,
    USER_DEACTIVATED,
    USER_REACTIVATED,
    USER_REMOVED,
    USER_ERASED,
    PERSONAL_DATA_EXPORTED
}
