package io.rollcall.auth;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a password sign-in with a temporary password leaves in its session (the authentication's
 * details), so that the forced change right after it needs no second check of the temporary
 * password: who signed in, under which count of password changes, when, and a keyed digest of the
 * temporary password (HMAC-SHA256 under a key only the signing-in instance holds in memory, named by
 * {@code keyId}) that tells a new password repeating it without a bcrypt hash. Nothing in it helps
 * guess the password: the key never leaves the instance.
 */
public record TemporaryPasswordSignIn(long accountId, int credentialsVersion, Instant at, String keyId,
        String digest) implements Serializable {
}
