package io.rollcall.account;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The accounts' personal data: the account itself, its memberships, permissions and set-password links. */
@Component
class AccountPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    AccountPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "account";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(
            PersonalTable.personal("account", "email, first and last name, password hash, password state, home school"),
            PersonalTable.personal("membership",
                "each school the person belongs to: role, issuedID, status, and copies of the email key and names"),
            PersonalTable.personal("operator", "who is an operator"),
            PersonalTable.personal("school_admin", "who administers which school"),
            PersonalTable.personal("password_link", "set-password links: a hash of the token, when issued and used"));
    }

    record Held(String email, String firstName, String lastName, boolean hasPassword, boolean mustChangePassword,
            String homeSchoolId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    record MembershipHeld(String schoolId, String role, String issuedId, String status, OffsetDateTime createdAt,
            OffsetDateTime statusChangedAt) {
    }

    record LinkHeld(OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }

    @Override
    public Object export(Person person) {
        var export = new LinkedHashMap<String, Object>();
        export.put("account", jdbc.sql("""
                select email, first_name, last_name,
                    case when password_hash is null then false else true end as has_password,
                    must_change_password, home_school_id, created_at, updated_at
                from account where id = :id""").param("id", person.accountId()).query(Held.class).optional()
            .orElse(null));
        export.put("memberships", jdbc.sql("""
                select school_id, role, issued_id, status, created_at, status_changed_at
                from membership where account_id = :id order by school_id""")
            .param("id", person.accountId()).query(MembershipHeld.class).list());
        export.put("adminOf", jdbc.sql("select school_id from school_admin where account_id = :id order by school_id")
            .param("id", person.accountId()).query(String.class).list());
        export.put("setPasswordLinks", jdbc.sql("""
                select created_at, expires_at, used_at from password_link where account_id = :id order by created_at""")
            .param("id", person.accountId()).query(LinkHeld.class).list());
        return export;
    }

    @Override
    public void erase(Person person) {
        for (var table : List.of("password_link", "membership", "school_admin", "operator")) {
            jdbc.sql("delete from " + table + " where account_id = :id").param("id", person.accountId()).update();
        }
        jdbc.sql("delete from account where id = :id").param("id", person.accountId()).update();
    }

    // After every row that refers to the account.
    @Override
    public int erasureOrder() {
        return 100;
    }
}
