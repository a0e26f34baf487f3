package io.rollcall.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of emails to send. Rows are claimed with a conditional update, so that several
 * instances on one database never send the same row twice.
 */
@Repository
class OutboxRepository {

    record Pending(long id, String kind, long accountId, String schoolId, String importId, Integer rowNo,
            int attempts) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Claims up to {@code limit} due emails for this worker and returns them. */
    List<Pending> claim(String worker, int limit, Duration stuckAfter) {
        var now = now();
        // PostgreSQL re-checks the status of a row another claimant just took, and skips it.
        jdbc.sql("""
                update outbox set status = 'SENDING', worker = :worker, claimed_at = :now
                where (status = 'PENDING' or (status = 'SENDING' and claimed_at < :stuck))
                    and id in (select id from outbox
                        where (status = 'PENDING' and next_attempt_at <= :now)
                            or (status = 'SENDING' and claimed_at < :stuck)
                        order by id limit :limit)""")
            .param("worker", worker).param("now", now).param("stuck", now.minus(stuckAfter)).param("limit", limit)
            .update();
        return jdbc.sql("""
                select id, kind, account_id, school_id, import_id, row_no, attempts from outbox
                where status = 'SENDING' and worker = :worker order by id""")
            .param("worker", worker).query(Pending.class).list();
    }

    /** Emails waiting: queued, to be retried, or being sent. */
    long countPending() {
        return jdbc.sql("select count(*) from outbox where status in ('PENDING', 'SENDING')").query(Long.class).single();
    }

    void sent(long id) {
        jdbc.sql("update outbox set status = 'SENT', sent_at = :now, attempts = attempts + 1, last_error = null "
                + "where id = :id")
            .param("id", id).param("now", now()).update();
    }

    void retryLater(long id, String error, Duration wait) {
        jdbc.sql("""
                update outbox set status = 'PENDING', attempts = attempts + 1, last_error = :error,
                    next_attempt_at = :next, worker = null
                where id = :id""")
            .param("id", id).param("error", truncate(error)).param("next", now().plus(wait)).update();
    }

    void failed(long id, String error) {
        jdbc.sql("update outbox set status = 'FAILED', attempts = attempts + 1, last_error = :error, worker = null "
                + "where id = :id")
            .param("id", id).param("error", truncate(error)).update();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
