package io.rollcall.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * What a welcome email says about its account, offered to the mail module by the module that owns
 * accounts (a port: mail knows no account table).
 */
public interface WelcomeDetails {

    /**
     * Whom the email greets, the school it names, and the language it is written in (the school's
     * {@code locale}, a language tag such as "es").
     */
    record Recipient(String email, String firstName, String lastName, String schoolName, String locale) {
    }

    /** The recipient of a welcome email about {@code schoolId}; empty when the account is gone. */
    Optional<Recipient> recipient(long accountId, String schoolId);

    /**
     * Issues a fresh single-use set-password link for the account, valid for {@code lifetime}; the
     * account's older unused links stop working.
     *
     * @return the link's token, to put in the email (only its digest is kept)
     */
    String newLink(long accountId, Duration lifetime);
}
