package io.rollcall.config;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.rollcall.auth.HashingLane;
import io.rollcall.error.ServerBusy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one door every password hash goes through (the {@code PasswordEncoder} bean is this): at most
 * {@code rollcall.security.hashing-concurrency} hashes at once (default: one per core), so that a
 * crowd signing in saturates the cores with bcrypt but never the request threads, and pages keep
 * being served. A crowd larger than the cores waits its turn, first come, first hashed: on the first
 * day of term a student waits a few seconds longer rather than being turned away. Two bounds keep
 * the waiting from taking the server: at most {@code rollcall.security.hashing-queue} requests wait
 * at once (so most request threads stay free for pages), each at most
 * {@code rollcall.security.hashing-wait} (default 20 s); beyond either the request is refused with
 * SERVER_BUSY (503, Retry-After). Admins and operators signing in ({@link HashingLane}) have one
 * place and a queue of their own (of 5), so that a crowd of students never keeps them waiting long.
 *
 * <p>A hash takes about 0.1 s of a core: it must never run inside a transaction or while the
 * thread holds a pooled connection, or every other request waits for connections meanwhile. Such
 * a call still hashes, but is logged and counted ({@link #hashesHoldingConnection()}), which the
 * tests check stays zero.
 */
final class HashingBulkhead implements PasswordEncoder {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final int STAFF_QUEUE = 5;

    private static final Logger log = LoggerFactory.getLogger(HashingBulkhead.class);

    private final PasswordEncoder encoder;
    private final Lane crowd;
    private final Lane staff;
    private final AtomicLong holdingConnection = new AtomicLong();

    HashingBulkhead(PasswordEncoder encoder, int concurrency, int maxWaiting, Duration wait, MeterRegistry registry) {
        this.encoder = encoder;
        this.crowd = new Lane(Math.max(1, concurrency), maxWaiting, wait, new HashingMeters(registry, "crowd"));
        // Admins are few: a short queue, so that whoever floods it with admins' emails holds few threads.
        this.staff = new Lane(1, Math.min(maxWaiting, STAFF_QUEUE), wait, new HashingMeters(registry, "staff"));
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> encoder.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> encoder.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    /** How many hashes ran inside a transaction or with a connection bound to the thread: a defect each. */
    long hashesHoldingConnection() {
        return holdingConnection.get();
    }

    /** The crowd's places for hashes, for tests that fill them. */
    Semaphore permits() {
        return crowd.permits;
    }

    /** The staff lane's place (admins and operators signing in), for tests. */
    Semaphore staffPermits() {
        return staff.permits;
    }

    private <T> T bounded(Supplier<T> hash) {
        if (TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.getResourceMap().isEmpty()) {
            holdingConnection.incrementAndGet();
            log.warn("A password was hashed inside a transaction: other requests wait for its connection meanwhile",
                new IllegalStateException("hashed here"));
        }
        var lane = HashingLane.isStaff() ? staff : crowd;
        lane.acquire();
        try {
            return lane.meters.hash(hash);
        } finally {
            lane.permits.release();
        }
    }

    /** Places to hash and a bounded, fair queue for them. */
    private static final class Lane {

        final Semaphore permits;
        final HashingMeters meters;
        private final int maxWaiting;
        private final Duration wait;
        private final AtomicInteger waiting = new AtomicInteger();

        Lane(int places, int maxWaiting, Duration wait, HashingMeters meters) {
            this.permits = new Semaphore(places, true);
            this.meters = meters;
            this.maxWaiting = maxWaiting;
            this.wait = wait;
        }

        // A free place nobody queues for is taken at once; otherwise the request queues, if the queue has room.
        void acquire() {
            long start = System.nanoTime();
            try {
                if (permits.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                    meters.waited(0);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused();
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw refused();
            }
            try {
                if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw refused();
                }
                meters.waited(System.nanoTime() - start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused();
            } finally {
                waiting.decrementAndGet();
            }
        }

        private ServerBusy refused() {
            meters.refused();
            return busy();
        }
    }

    private static ServerBusy busy() {
        return new ServerBusy("Rollcall is busy checking other people's passwords"
            + " right now. Try again in a few seconds.", RETRY_AFTER);
    }
}
