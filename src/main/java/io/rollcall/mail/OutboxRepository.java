package io.rollcall.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.rollcall.db.Dialect;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of emails to send. Rows are claimed with row locks that skip what another instance
 * holds, so that several instances on one database send in parallel and never the same row twice.
 */
@Repository
class OutboxRepository {

    record Pending(long id, String kind, long accountId, String schoolId, String importId, Integer rowNo,
            int attempts) {
    }

    // The advisory lock's key for counting the cluster's sends ("RC" and "mail").
    private static final long RATE_LOCK = 0x5243_6D61_696CL;

    static final String INTERRUPTED_SEND = "The instance sending this email stopped during the conversation with the"
        + " mail server; it may have arrived, so it is not sent again. Resend it if it did not arrive";

    // The due emails in the order of the index outbox_pending (status, due time): a claim reads as many
    // rows as it takes, whatever the outbox holds and however stale the table's statistics are. (In id
    // order, with statistics taken before a large import queued its emails, PostgreSQL sorted every
    // due email for each batch: 0.4 s per claim with 300,000 queued.)
    static final String CLAIM = """
            select id from outbox where status = 'PENDING' and next_attempt_at <= :now
            order by next_attempt_at limit :limit for update skip locked""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Dialect dialect;
    private final TransactionTemplate transactions;

    OutboxRepository(JdbcClient jdbc, Clock clock, Dialect dialect, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dialect = dialect;
        this.transactions = transactions;
    }

    /**
     * Claims due emails for this worker, as many as {@code limit} and the cluster's rate allow, and
     * returns them. Claimants take turns for the count (an advisory lock on PostgreSQL), so the rate
     * holds for all instances together; the rows are taken with SKIP LOCKED, so no claimant waits on
     * another's rows.
     */
    List<Pending> claim(String worker, int limit, int ratePerMinute, Duration stuckAfter) {
        // In one JVM (H2's only process, or a test's second relay) claimants take turns here too.
        synchronized (OutboxRepository.class) {
            return transactions.execute(status -> claimNow(worker, limit, ratePerMinute, stuckAfter));
        }
    }

    private List<Pending> claimNow(String worker, int limit, int ratePerMinute, Duration stuckAfter) {
        var now = now();
        var stuck = now.minus(stuckAfter);
        if (dialect == Dialect.POSTGRESQL) {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", RATE_LOCK).query(Object.class).single();
        }
        long recent = jdbc.sql("""
                select count(*) from outbox
                where (status = 'SENT' and sent_at > :minuteAgo) or (status = 'SENDING' and claimed_at >= :stuck)""")
            .param("minuteAgo", now.minusMinutes(1)).param("stuck", stuck).query(Long.class).single();
        abandonInterruptedSends(stuck);
        int budget = (int) Math.min(limit, Math.max(0, ratePerMinute - recent));
        if (budget == 0) {
            return List.of();
        }
        takeBackUnstartedClaims(stuck);
        var ids = jdbc.sql(CLAIM).param("now", now).param("limit", budget).query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("update outbox set status = 'SENDING', worker = :worker, claimed_at = :now where id in (:ids)")
            .param("worker", worker).param("now", now).param("ids", ids).update();
        return jdbc.sql("""
                select id, kind, account_id, school_id, import_id, row_no, attempts from outbox
                where id in (:ids) order by id""")
            .param("ids", ids).query(Pending.class).list();
    }

    // Emails an instance claimed and died before trying: due again, first in line (their due time is past).
    private void takeBackUnstartedClaims(OffsetDateTime stuck) {
        jdbc.sql("""
                update outbox set status = 'PENDING', worker = null, claimed_at = null
                where status = 'SENDING' and claimed_at < :stuck and send_started_at is null""")
            .param("stuck", stuck).update();
    }

    // An instance died during these emails' SMTP conversation: they may have arrived. Sending them
    // again could send them twice, so they end FAILED for an admin to resend if they did not arrive.
    private void abandonInterruptedSends(OffsetDateTime stuck) {
        jdbc.sql("""
                update outbox set status = 'FAILED', worker = null, attempts = attempts + 1, last_error = :error
                where status = 'SENDING' and claimed_at < :stuck and send_started_at is not null""")
            .param("stuck", stuck).param("error", INTERRUPTED_SEND).update();
    }

    /** Records that the SMTP conversation for this email starts now (committed before it does). */
    void sending(long id) {
        jdbc.sql("update outbox set send_started_at = :now where id = :id").param("id", id).param("now", now()).update();
    }

    /** Hands emails this worker claimed and has not tried back to the others, at once (a shutdown). */
    int release(String worker, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update outbox set status = 'PENDING', worker = null, claimed_at = null
                where id in (:ids) and worker = :worker and status = 'SENDING'""")
            .param("ids", ids).param("worker", worker).update();
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
                    next_attempt_at = :next, worker = null, send_started_at = null
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
