package io.rollcall.error;

import java.time.Duration;

/**
 * SERVER_BUSY: a request refused because a bounded resource (the cores' share of password hashing)
 * stayed full for too long. Answered 503 with {@code Retry-After}; nothing was changed.
 */
public class ServerBusy extends RollcallException {

    private final Duration retryAfter;

    public ServerBusy(String message, Duration retryAfter) {
        super(ErrorCode.SERVER_BUSY, message);
        this.retryAfter = retryAfter;
    }

    /** The value of the {@code Retry-After} header: whole seconds, at least 1. */
    public String retryAfterSeconds() {
        return String.valueOf(Math.max(1, retryAfter.toSeconds()));
    }
}
