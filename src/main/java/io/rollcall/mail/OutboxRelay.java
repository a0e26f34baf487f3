package io.rollcall.mail;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.rollcall.logging.Redact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox in the background: composes and sends each email, retries temporary failures
 * with exponential backoff up to a cap, gives up after {@code maxAttempts} or at once on a
 * permanent refusal, and sends at most {@code ratePerMinute} emails a minute.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final WelcomeComposer composer;
    private final MailTransport transport;
    private final MailProperties properties;
    private final Clock clock;
    private final boolean enabled;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MailMetrics metrics;
    private final String name = ManagementFactory.getRuntimeMXBean().getName() + "/mail-"
        + UUID.randomUUID().toString().substring(0, 8);
    private Instant windowStart = Instant.EPOCH;
    private int sentInWindow;

    OutboxRelay(OutboxRepository outbox, WelcomeComposer composer, MailTransport transport, MailProperties properties,
            Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions, MailMetrics metrics) {
        this.metrics = metrics;
        this.events = events;
        this.transactions = transactions;
        this.outbox = outbox;
        this.composer = composer;
        this.transport = transport;
        this.properties = properties;
        this.clock = clock;
        this.enabled = properties.relayEnabled();
    }

    @Scheduled(fixedDelayString = "${rollcall.mail.relay-interval:2s}", initialDelayString = "2s")
    void scheduled() {
        if (enabled) {
            drain();
        }
    }

    /** Sends what is due now, within the rate limit; returns how many emails were sent. */
    public synchronized int drain() {
        int sent = 0;
        while (true) {
            int budget = budget();
            if (budget == 0) {
                return sent;
            }
            var batch = outbox.claim(name, Math.min(budget, properties.batchSize()), properties.stuckAfter());
            if (batch.isEmpty()) {
                return sent;
            }
            for (var email : batch) {
                if (deliver(email)) {
                    sent++;
                    sentInWindow++;
                }
            }
        }
    }

    private boolean deliver(OutboxRepository.Pending email) {
        try {
            return attempt(email);
        } catch (RuntimeException e) {
            // Not the mail server's fault (a database blip, say): keep the email and try again later.
            log.error("Welcome email {} could not be prepared; retrying later", email.id(), e);
            outbox.retryLater(email.id(), "Internal error: " + e.getClass().getSimpleName(), backoff(email.attempts() + 1));
            metrics.retried();
            return false;
        }
    }

    private boolean attempt(OutboxRepository.Pending email) {
        var content = composer.compose(email.accountId(), email.schoolId());
        if (content.isEmpty()) {
            outbox.failed(email.id(), "The account no longer exists");
            metrics.failed();
            return false;
        }
        try {
            transport.send(content.get());
            outbox.sent(email.id());
            metrics.sent();
            return true;
        } catch (DeliveryFailure failure) {
            int attempt = email.attempts() + 1;
            if (failure.permanent() || attempt >= properties.maxAttempts()) {
                log.warn("Welcome email {} to {} failed for good after {} attempt(s): {}", email.id(),
                    Redact.email(content.get().to()), attempt, Redact.text(failure.getMessage()));
                metrics.failed();
                transactions.executeWithoutResult(status -> {
                    outbox.failed(email.id(), failure.getMessage());
                    if (failure.permanent() && email.importId() != null && email.rowNo() != null) {
                        events.publishEvent(new WelcomeEmailRejected(email.importId(), email.rowNo(), email.schoolId(),
                            "The mail server refused the welcome email to " + content.get().to() + ": "
                                + failure.getMessage()));
                    }
                });
            } else {
                var wait = backoff(attempt);
                log.info("Welcome email {} not sent ({}); retrying in {}", email.id(), Redact.text(failure.getMessage()), wait);
                metrics.retried();
                outbox.retryLater(email.id(), failure.getMessage(), wait);
            }
            return false;
        }
    }

    Duration backoff(int attempt) {
        var wait = properties.retryBase().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : wait;
    }

    // How many more emails this instance may send in the current minute.
    private int budget() {
        var now = clock.instant();
        if (Duration.between(windowStart, now).toSeconds() >= 60) {
            windowStart = now;
            sentInWindow = 0;
        }
        return Math.max(0, properties.ratePerMinute() - sentInWindow);
    }
}
