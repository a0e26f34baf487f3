package io.rollcall.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.rollcall.account.SameAsTemporary;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * When a person replacing a temporary password need not type it again: within {@link #WINDOW} of
 * signing in with it, in the same session, while it is still the account's temporary password. The
 * sign-in has just checked it (one bcrypt hash); a second check would cost another hash and prove
 * nothing more. A session older than that, a voluntary change, or a session signed in any other way
 * still gives the current password.
 *
 * <p>What a stolen session cookie gives in that window: the same as the shared temporary password
 * itself (docs/security.md, "The shared custom password"); the cookie is HttpOnly and SameSite, and
 * the change ends every other session of the account.
 */
@Component
public class ForcedChange {

    /** How long after the sign-in the temporary password is not asked again. */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    private final Clock clock;
    private final SecretKeySpec key;
    private final String keyId;

    ForcedChange(Clock clock) {
        this.clock = clock;
        var bytes = new byte[32];
        var random = new SecureRandom();
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        var id = new byte[8];
        random.nextBytes(id);
        this.keyId = HexFormat.of().formatHex(id);
    }

    /** The proof a sign-in with the temporary password leaves in the session. */
    TemporaryPasswordSignIn signedIn(CurrentUser user, String temporaryPassword) {
        return new TemporaryPasswordSignIn(user.accountId(), user.credentialsVersion(), clock.instant(), keyId,
            digest(temporaryPassword));
    }

    /**
     * The session's proof, if it lets the signed-in person replace the temporary password without
     * typing it: signed in with it within the window, as this person, under the account's present
     * count of password changes, which must still be temporary.
     */
    public Optional<TemporaryPasswordSignIn> proof(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser user)
                || !(authentication.getDetails() instanceof TemporaryPasswordSignIn proof)) {
            return Optional.empty();
        }
        var fresh = !clock.instant().isAfter(proof.at().plus(WINDOW));
        return user.mustChangePassword() && proof.accountId() == user.accountId()
            && proof.credentialsVersion() == user.credentialsVersion() && fresh ? Optional.of(proof) : Optional.empty();
    }

    /** Whether the new password repeats the temporary one: UNKNOWN when another instance made the proof. */
    public SameAsTemporary sameAsTemporary(TemporaryPasswordSignIn proof, String newPassword) {
        if (!keyId.equals(proof.keyId())) {
            return SameAsTemporary.UNKNOWN;
        }
        var same = MessageDigest.isEqual(Base64.getDecoder().decode(proof.digest()),
            Base64.getDecoder().decode(digest(newPassword == null ? "" : newPassword)));
        return same ? SameAsTemporary.SAME : SameAsTemporary.DIFFERENT;
    }

    private String digest(String password) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
