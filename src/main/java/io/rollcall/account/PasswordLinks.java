package io.rollcall.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Set-password links from welcome emails: single use, valid for a limited time (7 days by
 * default), kept only as a SHA-256 digest of the token. The links are issued by the mail relay
 * when it sends a welcome email.
 */
@Service
public class PasswordLinks {

    /** What a link token is worth now. */
    public enum LinkState {
        VALID,
        EXPIRED,
        USED,
        UNKNOWN
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final AuditLog audit;
    private final AccountRepository accounts;

    PasswordLinks(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock, AuditLog audit,
            AccountRepository accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.audit = audit;
    }

    private record Link(long accountId, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }

    public LinkState state(String token) {
        return find(token).map(this::stateOf).orElse(LinkState.UNKNOWN);
    }

    /** The email address a link (valid or not) was sent to, for pages that greet the person. */
    public Optional<String> emailOf(String token) {
        return find(token).flatMap(link -> jdbc.sql("select email from account where id = :id")
            .param("id", link.accountId()).query(String.class).optional());
    }

    /**
     * Sets the password of the link's account and uses the link up.
     *
     * @throws RollcallException INVALID_TOKEN for an unknown, used or expired link; INVALID_PASSWORD
     *     when the password breaks the policy (the link stays usable)
     */
    @Transactional
    public void setPassword(String token, String password) {
        var link = find(token).filter(l -> stateOf(l) == LinkState.VALID)
            .orElseThrow(() -> new RollcallException(ErrorCode.INVALID_TOKEN,
                "This link is not valid: it is unknown, already used or expired. Ask for a new one"));
        PasswordPolicy.check(password);
        var now = OffsetDateTime.now(clock);
        // The conditional update makes two simultaneous uses of one link succeed at most once.
        int used = jdbc.sql("update password_link set used_at = :now where token_hash = :hash and used_at is null")
            .param("now", now).param("hash", digest(token)).update();
        if (used != 1) {
            throw new RollcallException(ErrorCode.INVALID_TOKEN, "This link has already been used");
        }
        accounts.updatePassword(link.accountId(), passwordEncoder.encode(password), false);
        var email = jdbc.sql("select email from account where id = :id").param("id", link.accountId())
            .query(String.class).single();
        audit.record(AuditEvent.PASSWORD_SET, email, email, "with a welcome-email link");
    }

    /**
     * Queues a welcome email with a fresh link for the account an expired (or used) link belongs
     * to. Does nothing for an unknown token, or when an email for the account is already waiting.
     *
     * @return whether an email was queued
     */
    @Transactional
    public boolean requestNewLink(String token) {
        var link = find(token);
        if (link.isEmpty()) {
            return false;
        }
        return WelcomeEmails.queue(jdbc, link.get().accountId(), null, OffsetDateTime.now(clock));
    }

    private Optional<Link> find(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("select account_id, expires_at, used_at from password_link where token_hash = :hash")
            .param("hash", digest(token)).query(Link.class).optional();
    }

    private LinkState stateOf(Link link) {
        if (link.usedAt() != null) {
            return LinkState.USED;
        }
        return link.expiresAt().isAfter(OffsetDateTime.now(clock)) ? LinkState.VALID : LinkState.EXPIRED;
    }

    /** The digest under which a link token is stored. */
    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
