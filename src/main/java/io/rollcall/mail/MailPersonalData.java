package io.rollcall.mail;

import java.time.OffsetDateTime;
import java.util.List;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The welcome emails' personal data: who was sent which email, and how its delivery went. */
@Component
class MailPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    MailPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "emails";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(PersonalTable.personal("outbox",
            "welcome emails queued and sent: to whom, for which school, status, the mail server's last answer"));
    }

    record EmailHeld(String kind, String schoolId, String status, int attempts, String lastError,
            OffsetDateTime createdAt, OffsetDateTime sentAt) {
    }

    @Override
    public Object export(Person person) {
        return jdbc.sql("""
                select kind, school_id, status, attempts, last_error, created_at, sent_at
                from outbox where account_id = :id order by created_at""")
            .param("id", person.accountId()).query(EmailHeld.class).list();
    }

    @Override
    public void erase(Person person) {
        jdbc.sql("delete from outbox where account_id = :id").param("id", person.accountId()).update();
    }
}
