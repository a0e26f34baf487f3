package io.rollcall.account;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.mail.WelcomeEmailQueue;
import io.rollcall.secret.Secrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Set-password links from welcome emails: single use, valid for a limited time (7 days by
 * default), kept only as a SHA-256 digest of the token. A link is issued when the mail relay
 * sends a welcome email ({@link WelcomeRecipients}).
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
    private final WelcomeEmailQueue welcomeEmails;
    private final TransactionTemplate transactions;

    PasswordLinks(JdbcClient jdbc, PasswordEncoder passwordEncoder, Clock clock, AuditLog audit,
            AccountRepository accounts, WelcomeEmailQueue welcomeEmails, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accounts = accounts;
        this.welcomeEmails = welcomeEmails;
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
        return find(token).map(link -> accounts.emailOf(link.accountId()));
    }

    /**
     * Sets the password of the link's account and uses the link up.
     *
     * @throws RollcallException INVALID_TOKEN for an unknown, used or expired link; INVALID_PASSWORD
     *     when the password breaks the policy (the link stays usable)
     */
    public void setPassword(String token, String password) {
        var link = find(token).filter(l -> stateOf(l) == LinkState.VALID)
            .orElseThrow(() -> new RollcallException(ErrorCode.INVALID_TOKEN,
                "This link is not valid: it is unknown, already used or expired. Ask for a new one"));
        PasswordPolicy.check(password);
        // Hashed before the transaction, so that no connection waits on bcrypt.
        var hash = passwordEncoder.encode(password);
        transactions.executeWithoutResult(status -> {
            // The conditional update makes two simultaneous uses of one link succeed at most once.
            int used = jdbc.sql("update password_link set used_at = :now where token_hash = :hash and used_at is null")
                .param("now", OffsetDateTime.now(clock)).param("hash", Secrets.digest(token)).update();
            if (used != 1) {
                throw new RollcallException(ErrorCode.INVALID_TOKEN, "This link has already been used");
            }
            accounts.updatePassword(link.accountId(), hash, false);
            var email = accounts.emailOf(link.accountId());
            audit.record(AuditEvent.PASSWORD_SET, email, email, "with a welcome-email link");
        });
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
        var school = accounts.welcomeSchool(link.get().accountId());
        return school.isPresent() && welcomeEmails.queue(link.get().accountId(), school.get());
    }

    /**
     * A fresh link for the account, valid for {@code lifetime}; its older unused links stop working.
     *
     * @return the token, for the email: only its digest is kept
     */
    @Transactional
    String issue(long accountId, Duration lifetime) {
        voidUnused(accountId);
        var token = Secrets.newToken();
        var now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into password_link (token_hash, account_id, created_at, expires_at)
                values (:hash, :id, :now, :expires)""")
            .param("hash", Secrets.digest(token)).param("id", accountId).param("now", now)
            .param("expires", now.plus(lifetime))
            .update();
        return token;
    }

    /** Makes every unused set-password link of the account stop working. */
    void voidUnused(long accountId) {
        jdbc.sql("delete from password_link where account_id = :id and used_at is null")
            .param("id", accountId).update();
    }

    private Optional<Link> find(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("select account_id, expires_at, used_at from password_link where token_hash = :hash")
            .param("hash", Secrets.digest(token)).query(Link.class).optional();
    }

    private LinkState stateOf(Link link) {
        if (link.usedAt() != null) {
            return LinkState.USED;
        }
        return link.expiresAt().isAfter(OffsetDateTime.now(clock)) ? LinkState.VALID : LinkState.EXPIRED;
    }
}
