package io.rollcall.auth;

import java.util.HashSet;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What signing in needs to know of an account, read straight from the account tables. */
@Repository
class SignInAccounts {

    private final JdbcClient jdbc;

    SignInAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Credentials(long id, String passwordHash) {
    }

    Optional<Credentials> credentials(String emailKey) {
        return jdbc.sql("select id, password_hash from account where email_key = :key")
            .param("key", emailKey)
            .query(Credentials.class).optional();
    }

    Optional<CurrentUser> load(long accountId) {
        record Row(long id, String email, String firstName, String lastName, boolean mustChangePassword,
                int credentialsVersion, boolean operator) {
        }
        return jdbc.sql("""
                select a.id, a.email, a.first_name, a.last_name, a.must_change_password, a.credentials_version,
                       case when o.account_id is null then false else true end as operator
                from account a left join operator o on o.account_id = a.id
                where a.id = :id""")
            .param("id", accountId)
            .query(Row.class).optional()
            .map(row -> new CurrentUser(row.id(), row.email(), row.firstName() + " " + row.lastName(),
                row.operator(), java.util.Set.copyOf(new HashSet<>(jdbc.sql(
                    "select school_id from school_admin where account_id = :id")
                    .param("id", accountId).query(String.class).list())),
                row.mustChangePassword(), row.credentialsVersion()));
    }
}
