package io.rollcall.auth;

import org.springframework.security.core.AuthenticationException;

/** The password was right, but the person has no active membership left: the school must reactivate them. */
public class AccountDeactivated extends AuthenticationException {

    public AccountDeactivated() {
        super("This account is deactivated. Contact your school to have it reactivated.");
    }
}
