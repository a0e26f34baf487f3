package io.rollcall.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import io.rollcall.secret.Secrets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for the API: 256 random bits handed out once, kept only as a SHA-256 digest,
 * valid for {@code rollcall.token.lifetime}.
 */
@Component
public class ApiTokens {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;

    ApiTokens(JdbcClient jdbc, Clock clock, TokenProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = properties.lifetime();
    }

    public record Issued(String token, Instant expiresAt) {
    }

    /** A token for the account as it is now: it stops working when the password changes. */
    public Issued issue(CurrentUser user) {
        var accountId = user.accountId();
        var token = Secrets.newToken();
        var now = OffsetDateTime.now(clock);
        var expires = now.plus(lifetime);
        jdbc.sql("delete from api_token where expires_at < :now").param("now", now).update();
        jdbc.sql("""
                insert into api_token (token_hash, account_id, credentials_version, created_at, expires_at)
                values (:hash, :account, :version, :now, :expires)""")
            .param("hash", Secrets.digest(token))
            .param("account", accountId)
            .param("version", user.credentialsVersion())
            .param("now", now)
            .param("expires", expires)
            .update();
        return new Issued(token, expires.toInstant());
    }

    /** Ends a token at once; true when it was live. */
    public boolean revoke(String token) {
        return jdbc.sql("delete from api_token where token_hash = :hash").param("hash", Secrets.digest(token)).update() == 1;
    }

    /** Whose a live token is, and the account's count of password changes when it was issued. */
    record Owner(long accountId, int credentialsVersion) {
    }

    Optional<Owner> ownerOf(String token) {
        return jdbc.sql("""
                select account_id, credentials_version from api_token
                where token_hash = :hash and expires_at > :now""")
            .param("hash", Secrets.digest(token))
            .param("now", OffsetDateTime.now(clock))
            .query(Owner.class).optional();
    }

}
