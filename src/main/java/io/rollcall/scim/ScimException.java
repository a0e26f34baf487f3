package io.rollcall.scim;

/**
 * A request SCIM answers with an error response (RFC 7644 section 3.12): the HTTP status, the
 * {@code scimType} where the RFC names one (invalidFilter, invalidValue, uniqueness, mutability,
 * invalidSyntax, noTarget, tooMany), and a detail for people.
 */
class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;

    ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }

    static ScimException notFound(String id) {
        return new ScimException(404, null, "No user " + id + " at this school");
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }
}
