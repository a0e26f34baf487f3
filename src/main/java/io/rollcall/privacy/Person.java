package io.rollcall.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The person an access request or an erasure is about: their account and email, and the email as
 * every table keys it ({@code emailKey}: trimmed, lower case).
 */
public record Person(long accountId, String email) {

    public String emailKey() {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * What stands for the person's email where a record of them must stay after the erasure (the
     * audit log): the same for every entry about them, and not reversible to the address.
     */
    public String pseudonym() {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(emailKey().getBytes(StandardCharsets.UTF_8));
            return "erased:" + HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
