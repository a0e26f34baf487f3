package io.rollcall.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Queues welcome emails in the outbox, in the caller's transaction: an email commits with the
 * change it is about, and a rollback (or a dry run) sends nothing. The relay sends them later.
 */
@Service
public class WelcomeEmailQueue {

    /** Welcome emails of one import that went out, and that failed for good. */
    public record Sent(int sent, int failed) {
        static final Sent NONE = new Sent(0, 0);
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    WelcomeEmailQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues one welcome email naming the school; false when one to the account is already waiting. */
    public boolean queue(long accountId, String schoolId) {
        var now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                insert into outbox (kind, account_id, school_id, status, next_attempt_at, created_at)
                select 'WELCOME', :account, :school, 'PENDING', :now, :now
                where not exists (select 1 from outbox where account_id = :account and status in ('PENDING', 'SENDING'))""")
            .param("account", accountId)
            .param("school", schoolId)
            .param("now", now)
            .update() == 1;
    }

    /**
     * Queues a welcome email for every account the import created, each naming the school and the
     * row it came from, with one statement. The statement reads the import's staged rows and the
     * accounts it created: one of the set-based statements across modules that make an import of
     * 100,000 rows cost a dozen statements (see {@code importing.apply.Applier}).
     *
     * @return how many were queued
     */
    // One email per account, from its home school (a bundle may name a new teacher at two schools).
    public int queueForImport(String importId, OffsetDateTime now) {
        return jdbc.sql("""
                insert into outbox (kind, account_id, school_id, import_id, row_no, status, next_attempt_at, created_at)
                select 'WELCOME', a.id, r.school_id, :id, r.row_no, 'PENDING', :now, :now
                from import_row r join account a on a.email_key = r.email_key
                where r.import_id = :id and r.failed = false and a.created_by_import = :id
                    and r.school_id = a.home_school_id""")
            .param("id", importId).param("now", now).update();
    }

    /** Withdraws the queued emails of these accounts (at most a thousand at a time). */
    public void cancelPending(java.util.Collection<Long> accountIds) {
        if (!accountIds.isEmpty()) {
            jdbc.sql("update outbox set status = 'CANCELLED' where account_id in (:accounts) and status = 'PENDING'")
                .param("accounts", accountIds)
                .update();
        }
    }

    /** Withdraws the account's welcome emails that are still waiting: none of them goes out. */
    public void cancelPending(long accountId) {
        jdbc.sql("update outbox set status = 'CANCELLED' where account_id = :account and status = 'PENDING'")
            .param("account", accountId)
            .update();
    }

    // Read from the index outbox_import, which holds only emails sent or failed (PostgreSQL, V22_6):
    // the status condition is the index's own.
    static final String SENT_BY_IMPORT = """
            select import_id, status, count(*) as n from outbox
            where import_id in (:ids) and status in ('SENT', 'FAILED') group by import_id, status""";

    /** How the welcome emails of each import fared (one query for a page of history). */
    public Map<String, Sent> sent(Collection<String> importIds) {
        var counts = new HashMap<String, Sent>();
        if (importIds.isEmpty()) {
            return counts;
        }
        record Status(String importId, String status, int n) {
        }
        jdbc.sql(SENT_BY_IMPORT)
            .param("ids", importIds).query(Status.class).list().forEach(s -> counts.merge(s.importId(),
                s.status().equals("SENT") ? new Sent(s.n(), 0) : new Sent(0, s.n()),
                (a, b) -> new Sent(a.sent() + b.sent(), a.failed() + b.failed())));
        return counts;
    }

    /** How the import's welcome emails fared. */
    public Sent sent(String importId) {
        return sent(java.util.List.of(importId)).getOrDefault(importId, Sent.NONE);
    }
}
