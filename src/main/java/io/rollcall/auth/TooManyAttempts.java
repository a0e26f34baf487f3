package io.rollcall.auth;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/** Sign-in refused because the account, or the client address, had too many recent failures. */
public class TooManyAttempts extends LockedException {

    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter) {
        super("Too many failed sign-in attempts. Try again in 15 minutes.");
        this.retryAfter = retryAfter;
    }

    /** How long until the lock lifts. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
