package io.rollcall.auth;

import org.springframework.security.authentication.LockedException;

/** Sign-in refused because the account had too many recent failures. */
public class TooManyAttempts extends LockedException {

    public TooManyAttempts() {
        super("Too many failed sign-in attempts. Try again in 15 minutes.");
    }
}
