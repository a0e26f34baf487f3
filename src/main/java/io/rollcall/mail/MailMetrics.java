package io.rollcall.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The relay's metrics: {@code rollcall_emails_total{result}} (sent, failed for good, put back to retry)
 * and {@code rollcall_outbox_pending}, the emails waiting, read from the outbox at most every
 * {@link #PENDING_MAX_AGE} so that frequent scrapes by several Prometheus servers cost one count.
 */
@Component
class MailMetrics {

    static final Duration PENDING_MAX_AGE = Duration.ofSeconds(5);

    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final LongSupplier countPending;
    private final Clock clock;
    private Instant pendingReadAt = Instant.MIN;
    private double pending = Double.NaN;

    @Autowired
    MailMetrics(MeterRegistry registry, OutboxRepository outbox, Clock clock) {
        this(registry, outbox::countPending, clock);
    }

    MailMetrics(MeterRegistry registry, LongSupplier countPending, Clock clock) {
        this.countPending = countPending;
        this.clock = clock;
        this.sent = emails(registry, "sent");
        this.failed = emails(registry, "failed");
        this.retried = emails(registry, "retried");
        Gauge.builder("rollcall.outbox.pending", this, MailMetrics::pending)
            .description("Welcome emails waiting to be sent, queued or to be retried").register(registry);
    }

    private static Counter emails(MeterRegistry registry, String result) {
        return Counter.builder("rollcall.emails").tag("result", result)
            .description("Emails sent, given up, or put back to retry later").register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    // Unknown (NaN) while the database cannot be read: Prometheus then shows a gap, not a false zero.
    synchronized double pending() {
        var now = clock.instant();
        if (Duration.between(pendingReadAt, now).compareTo(PENDING_MAX_AGE) >= 0) {
            try {
                pending = countPending.getAsLong();
            } catch (DataAccessException e) {
                pending = Double.NaN;
            }
            pendingReadAt = now;
        }
        return pending;
    }
}
