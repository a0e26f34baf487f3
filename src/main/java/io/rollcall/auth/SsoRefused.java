package io.rollcall.auth;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The provider signed the person in, but Rollcall does not: {@code email} is what the provider
 * said (empty when it sent none), shown back on the login page.
 */
public class SsoRefused extends OAuth2AuthenticationException {

    /** Why, with the {@code sso} value of the login page that explains it. */
    public enum Reason {
        UNKNOWN_EMAIL("unknown"),
        UNVERIFIED_EMAIL("unverified"),
        FOREIGN_DOMAIN("domain"),
        DEACTIVATED("deactivated");

        private final String page;

        Reason(String page) {
            this.page = page;
        }

        public String page() {
            return page;
        }
    }

    private final Reason reason;
    private final String email;

    SsoRefused(Reason reason, String email) {
        super(new OAuth2Error("rollcall_" + reason.page()), reason.name());
        this.reason = reason;
        this.email = email;
    }

    public Reason reason() {
        return reason;
    }

    public String email() {
        return email;
    }
}
