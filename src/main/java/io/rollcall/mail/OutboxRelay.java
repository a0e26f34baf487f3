package io.rollcall.mail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.rollcall.logging.Redact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox in the background: composes and sends each email, retries temporary failures
 * with exponential backoff up to a cap, gives up after {@code maxAttempts} or at once on a
 * permanent refusal, and keeps the whole cluster within {@code ratePerMinute} emails a minute.
 *
 * <p>It runs on a thread of its own, so that a slow mail server delays only email, never the
 * scheduler's other work (import heartbeats, the retention purge). On shutdown it finishes the
 * email in hand and hands the rest of its claim back at once.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    // Long enough for the email in hand: the SMTP timeouts are shorter.
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final OutboxRepository outbox;
    private final WelcomeComposer composer;
    private final MailTransport transport;
    private final MailProperties properties;
    private final boolean enabled;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MailMetrics metrics;
    private final String name = ManagementFactory.getRuntimeMXBean().getName() + "/mail-"
        + UUID.randomUUID().toString().substring(0, 8);
    private final Duration interval;
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private ScheduledExecutorService thread;

    OutboxRelay(OutboxRepository outbox, WelcomeComposer composer, MailTransport transport, MailProperties properties,
            ApplicationEventPublisher events, TransactionTemplate transactions, MailMetrics metrics) {
        this.metrics = metrics;
        this.interval = properties.relayInterval();
        this.events = events;
        this.transactions = transactions;
        this.outbox = outbox;
        this.composer = composer;
        this.transport = transport;
        this.properties = properties;
        this.enabled = properties.relayEnabled();
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            startRelay();
        }
    }

    private void startRelay() {
        if (enabled && thread == null) {
            stopping = false;
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                var relay = new Thread(runnable, "mail-relay");
                relay.setDaemon(true);
                return relay;
            });
            thread.scheduleWithFixedDelay(this::drainQuietly, Math.min(2000, interval.toMillis()), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        // First, so the drain in progress (which holds this relay's monitor) sees it after the email in hand.
        stopping = true;
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        // No interrupt: the email in hand is finished (or times out) and recorded, the rest handed back.
        running.shutdown();
        try {
            if (!running.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("The mail relay did not stop within {}; its claimed emails are sent again after {}",
                    STOP_WAIT, properties.stuckAfter());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return thread != null;
        }
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.error("The mail relay stopped on an unexpected error; it resumes at the next round", e);
        }
    }

    /** Sends what is due now, within the rate limit; returns how many emails were sent. */
    public synchronized int drain() {
        int sent = 0;
        while (!stopping) {
            var batch = outbox.claim(name, properties.batchSize(), properties.ratePerMinute(), properties.stuckAfter());
            if (batch.isEmpty()) {
                return sent;
            }
            for (int i = 0; i < batch.size(); i++) {
                if (stopping) {
                    outbox.release(name, batch.subList(i, batch.size()).stream().map(OutboxRepository.Pending::id).toList());
                    return sent;
                }
                if (deliver(batch.get(i))) {
                    sent++;
                }
            }
        }
        return sent;
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
            outbox.sending(email.id());
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

}
