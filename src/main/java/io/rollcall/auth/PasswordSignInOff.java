package io.rollcall.auth;

import org.springframework.security.core.AuthenticationException;

/** The password was right, but password sign-in is turned off for everyone but operators. */
public class PasswordSignInOff extends AuthenticationException {

    public PasswordSignInOff() {
        super("Password sign-in is turned off; use your school's sign-in button.");
    }
}
