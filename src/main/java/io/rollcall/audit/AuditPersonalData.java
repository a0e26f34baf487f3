package io.rollcall.audit;

import java.util.List;

import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit log's personal data: who did what, to whom, from which address. An erased person's
 * entries stay, for the security record, with their email replaced by a one-way hash of it.
 */
@Component
class AuditPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    AuditPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "auditLog";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(PersonalTable.personal("audit_event",
            "security events: the email of who acted and of whom it was about, the client address, details"));
    }

    /**
     * The entries by or about the person. Of the staff who acted on them, neither the email nor the
     * address goes out: those are the staff's personal data, not the person's.
     */
    @Override
    public Object export(Person person) {
        return jdbc.sql("""
                select id, occurred_at, event, actor_email, client_address, target, details from audit_event
                where lower(actor_email) = :key or lower(target) = :key order by id""")
            .param("key", person.emailKey()).query(AuditEntry.class).list().stream()
            .map(entry -> entry.actorEmail() != null && entry.actorEmail().equalsIgnoreCase(person.email().trim()) ? entry
                : new AuditEntry(entry.id(), entry.occurredAt(), entry.event(),
                    entry.actorEmail() == null ? null : "staff", null, entry.target(), entry.details()))
            .toList();
    }

    @Override
    public void erase(Person person) {
        var pseudonym = person.pseudonym();
        jdbc.sql("update audit_event set actor_email = :pseudonym where lower(actor_email) = :key")
            .param("pseudonym", pseudonym).param("key", person.emailKey()).update();
        jdbc.sql("update audit_event set target = :pseudonym where lower(target) = :key")
            .param("pseudonym", pseudonym).param("key", person.emailKey()).update();
        for (var written : List.of(person.email().trim(), person.emailKey())) {
            jdbc.sql("update audit_event set details = replace(details, :email, :pseudonym) where details like :pattern")
                .param("email", written).param("pseudonym", pseudonym)
                .param("pattern", "%" + written.replace("%", "").replace("_", "\\_") + "%").update();
        }
    }
}
