package io.rollcall.auth;

import io.rollcall.error.ServerBusy;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * A form sign-in whose password could not be checked yet: hashing stayed full (SERVER_BUSY). Neither a
 * failure nor a success; nothing is counted towards the lockout.
 */
public class SignInBusy extends AuthenticationServiceException {

    private final transient ServerBusy busy;

    SignInBusy(ServerBusy busy) {
        super(busy.getMessage(), busy);
        this.busy = busy;
    }

    /** The value of the {@code Retry-After} header. */
    public String retryAfterSeconds() {
        return busy.retryAfterSeconds();
    }
}
