package io.rollcall.error;

/**
 * A request Rollcall refuses, with its contract code; the message is written for the person who
 * sent the request and is shown to them as is.
 */
public class RollcallException extends RuntimeException {

    private final ErrorCode code;

    public RollcallException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
