package io.rollcall.auth;

import java.io.Serializable;

/**
 * Kept as the details of a session's authentication: this session signed in with that provider,
 * so a temporary password does not force a password change (the person never typed it).
 */
public record SsoSignIn(String registrationId) implements Serializable {
}
