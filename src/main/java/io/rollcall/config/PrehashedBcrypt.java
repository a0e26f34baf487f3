package io.rollcall.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt over the Base64 text of the password's SHA-256 digest (stored as {@code {bcrypt-sha256}}):
 * bcrypt reads at most 72 bytes, and a policy-conforming password of 128 characters can be 512
 * bytes of UTF-8. The digest's 44 Base64 characters carry every byte of the password, as typed
 * (nothing is trimmed or normalized), and hold no NUL that could end bcrypt's input early. bcrypt
 * keeps its small memory use, so that a flood of sign-ins cannot exhaust the heap.
 */
final class PrehashedBcrypt implements PasswordEncoder {

    static final String ID = "bcrypt-sha256";

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(prehash(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bcrypt.matches(prehash(rawPassword), encodedPassword);
    }

    private static String prehash(CharSequence rawPassword) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                .digest(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plain bcrypt, for the hashes written before {@code bcrypt-sha256}: a password longer than its
     * 72 bytes cannot have been stored with it, so it simply does not match (bcrypt would throw).
     */
    static final class Legacy implements PasswordEncoder {

        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

        @Override
        public String encode(CharSequence rawPassword) {
            throw new UnsupportedOperationException("New passwords are hashed with " + ID);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            if (rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > 72) {
                return false;
            }
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }
}
