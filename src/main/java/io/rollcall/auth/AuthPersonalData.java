package io.rollcall.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing in's personal data: API tokens (hashed), the API keys an admin made, failed sign-ins with
 * their address, browser sessions.
 */
@Component
class AuthPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    AuthPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "signIn";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(
            PersonalTable.personal("api_token", "API tokens of admins: a hash of the token, when issued and until when"),
            PersonalTable.personal("login_failure", "failed sign-ins: the email typed, when, from which address"),
            PersonalTable.personal("api_key", "schools' API keys: which admin made each (the key is kept only hashed)"),
            PersonalTable.personal("spring_session", "browser sessions: whose (the account id), since and until when"),
            PersonalTable.personal("spring_session_attributes", "browser sessions' contents: who signed in, the CSRF token"));
    }

    record TokenHeld(OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    record KeyMade(String schoolId, String name, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    }

    record FailureHeld(OffsetDateTime failedAt, String clientAddress) {
    }

    record SessionHeld(Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
    }

    @Override
    public Object export(Person person) {
        return Map.of(
            "apiTokens", jdbc.sql("select created_at, expires_at from api_token where account_id = :id order by created_at")
                .param("id", person.accountId()).query(TokenHeld.class).list(),
            "apiKeysMade", jdbc.sql("""
                    select school_id, name, created_at, revoked_at from api_key where created_by = :id
                    order by created_at""")
                .param("id", person.accountId()).query(KeyMade.class).list(),
            "failedSignIns", jdbc.sql("""
                    select failed_at, client_address from login_failure where email_key = :key order by failed_at""")
                .param("key", person.emailKey()).query(FailureHeld.class).list(),
            "browserSessions", jdbc.sql("""
                    select creation_time, last_access_time, expiry_time from spring_session
                    where principal_name = :id order by creation_time""")
                .param("id", String.valueOf(person.accountId()))
                .query((rs, n) -> new SessionHeld(Instant.ofEpochMilli(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)),
                    Instant.ofEpochMilli(rs.getLong(3))))
                .list());
    }

    @Override
    public void erase(Person person) {
        jdbc.sql("delete from api_token where account_id = :id").param("id", person.accountId()).update();
        jdbc.sql("delete from login_failure where email_key = :key").param("key", person.emailKey()).update();
        // Their browser sessions end now, contents and all (the attributes go with them).
        jdbc.sql("delete from spring_session where principal_name = :id").param("id", String.valueOf(person.accountId()))
            .update();
        // The key is the school's and keeps working; only who made it is forgotten.
        jdbc.sql("update api_key set created_by = null where created_by = :id").param("id", person.accountId()).update();
    }
}
