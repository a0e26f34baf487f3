package io.rollcall.error;

/**
 * Every error code Rollcall reports, spelled exactly as the contract names them, with the HTTP
 * status an API answer carries. Row codes never reach HTTP on their own; they are listed here so
 * that each code is defined once.
 */
public enum ErrorCode {
    // file errors: nothing is created
    MISSING_FIELDS(422),
    EMPTY_FILE(422),
    NOT_CSV(422),
    MALFORMED_CSV(422),
    DUPLICATE_COLUMN(422),
    TOO_MANY_ROWS(422),
    TOO_MANY_COLUMNS(422),
    FIELD_TOO_LARGE(422),
    ROW_TOO_LARGE(422),
    FILE_TOO_LARGE(413),
    STORAGE_QUOTA_EXCEEDED(413),
    FILE_INCOMPLETE(422),
    ENCODING_MISMATCH(422),
    SYNC_LIMIT_EXCEEDED(422),
    UNSAFE_ARCHIVE(422),
    MISSING_FILE(422),
    UNSUPPORTED_VERSION(422),
    IMPORT_FAILED(500),

    // row errors: the row is not written
    MISSING_VALUE(422),
    VALUE_TOO_LONG(422),
    INVALID_CHARACTER(422),
    INVALID_EMAIL(422),
    INVALID_IS_TEACHER(422),
    INVALID_ISSUED_ID(422),
    UNAUTHORIZED_SCHOOL(422),
    DUPLICATE_EMAIL(422),
    DUPLICATE_ISSUED_ID(422),
    ISSUED_ID_TAKEN(422),
    PROTECTED_ACCOUNT(409),
    ACCOUNT_DEACTIVATED(409),

    // warnings
    UNKNOWN_COLUMN(200),
    ACCOUNT_IN_OTHER_SCHOOL(200),
    EMAIL_REJECTED(200),
    ENCODING_GUESSED(200),
    ROLE_SKIPPED(200),

    // requests
    INVALID_PASSWORD(400),
    INVALID_TOKEN(400),
    INVALID_REQUEST(400),
    MALFORMED_JSON(400),
    MISSING_PART(400),
    INVALID_SCHOOL_ID(400),
    UNSUPPORTED_MEDIA_TYPE(415),
    NOT_ACCEPTABLE(406),
    METHOD_NOT_ALLOWED(405),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    PASSWORD_CHANGE_REQUIRED(403),
    NOT_FOUND(404),
    DATA_PURGED(410),
    SCHOOL_EXISTS(409),
    IMPORT_RUNNING(409),
    IDEMPOTENCY_KEY_REUSED(409),
    TOO_MANY_ATTEMPTS(429),
    TOO_MANY_UPLOADS(429),
    STORAGE_UNAVAILABLE(503),
    SERVER_BUSY(503),
    INTERNAL_ERROR(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code of an error that has only its HTTP status (one the servlet container or a filter
     * raised before any of Rollcall's own checks).
     */
    public static ErrorCode ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> FILE_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_UPLOADS;
            case 503 -> STORAGE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? INVALID_REQUEST : INTERNAL_ERROR;
        };
    }

    /** The last segment of the problem type URI, e.g. {@code missing-fields}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
