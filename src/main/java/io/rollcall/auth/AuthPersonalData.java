package io.rollcall.auth;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Signing in's personal data: API tokens (hashed) and failed sign-in attempts with their address. */
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
            PersonalTable.personal("login_failure", "failed sign-ins: the email typed, when, from which address"));
    }

    record TokenHeld(OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    record FailureHeld(OffsetDateTime failedAt, String clientAddress) {
    }

    @Override
    public Object export(Person person) {
        return Map.of(
            "apiTokens", jdbc.sql("select created_at, expires_at from api_token where account_id = :id order by created_at")
                .param("id", person.accountId()).query(TokenHeld.class).list(),
            "failedSignIns", jdbc.sql("""
                    select failed_at, client_address from login_failure where email_key = :key order by failed_at""")
                .param("key", person.emailKey()).query(FailureHeld.class).list());
    }

    @Override
    public void erase(Person person) {
        jdbc.sql("delete from api_token where account_id = :id").param("id", person.accountId()).update();
        jdbc.sql("delete from login_failure where email_key = :key").param("key", person.emailKey()).update();
    }
}
