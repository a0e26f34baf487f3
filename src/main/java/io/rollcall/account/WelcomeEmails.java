package io.rollcall.account;

import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queues one welcome email in the outbox (the mail relay sends it and issues its link). The
 * outbox table is where accounts and mail meet: a row commits with the change it is about.
 */
final class WelcomeEmails {

    private WelcomeEmails() {
    }

    /**
     * @param schoolId the school named in the email; null picks one of the account's schools
     * @return false when the account has no school, or an email to it is already waiting
     */
    static boolean queue(JdbcClient jdbc, long accountId, String schoolId, OffsetDateTime now) {
        var school = schoolId != null ? schoolId
            : jdbc.sql("select min(school_id) from membership where account_id = :account")
                .param("account", accountId).query(String.class).optional().orElse(null);
        if (school == null) {
            return false;
        }
        return jdbc.sql("""
                insert into outbox (kind, account_id, school_id, status, next_attempt_at, created_at)
                select 'WELCOME', :account, :school, 'PENDING', :now, :now
                where not exists (select 1 from outbox where account_id = :account and status in ('PENDING', 'SENDING'))""")
            .param("account", accountId)
            .param("school", school)
            .param("now", now)
            .update() == 1;
    }

    /** Withdraws the account's welcome emails that are still waiting: none of them goes out. */
    static void cancel(JdbcClient jdbc, long accountId) {
        jdbc.sql("update outbox set status = 'CANCELLED' where account_id = :account and status = 'PENDING'")
            .param("account", accountId)
            .update();
    }
}
