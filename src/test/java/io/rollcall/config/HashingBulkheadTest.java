package io.rollcall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollcall.auth.HashingLane;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.ServerBusy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class HashingBulkheadTest {

    /** An encoder whose hashes wait until the test lets them finish. */
    static final class BlockingEncoder implements PasswordEncoder {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);

        @Override
        public String encode(CharSequence rawPassword) {
            started.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "hash of " + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encode(rawPassword).equals(encodedPassword);
        }
    }

    @Test
    void refusesAHashWhileEveryPlaceIsTakenAndTakesItOnceOneIsFree() throws Exception {
        var encoder = new BlockingEncoder();
        var bulkhead = new HashingBulkhead(encoder, 1, 10, Duration.ZERO, new SimpleMeterRegistry());
        var first = CompletableFuture.supplyAsync(() -> bulkhead.encode("first"));
        encoder.started.await();

        assertThatThrownBy(() -> bulkhead.matches("second", "hash of second"))
            .isInstanceOfSatisfying(ServerBusy.class, busy -> {
                assertThat(busy.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                assertThat(busy.retryAfterSeconds()).isEqualTo("5");
                assertThat(busy.getMessage()).contains("Try again in a few seconds");
            });

        encoder.finish.countDown();
        assertThat(first.get()).isEqualTo("hash of first");
        assertThat(bulkhead.matches("second", "hash of second")).isTrue();
        assertThat(bulkhead.permits().availablePermits()).isEqualTo(1);
    }

    @Test
    void queuesARequestWhileThereIsRoomAndRefusesTheOneBeyondAtOnce() throws Exception {
        var encoder = new BlockingEncoder();
        var bulkhead = new HashingBulkhead(encoder, 1, 1, Duration.ofMinutes(1), new SimpleMeterRegistry());
        var first = CompletableFuture.supplyAsync(() -> bulkhead.encode("first"));
        encoder.started.await();
        var queued = CompletableFuture.supplyAsync(() -> bulkhead.encode("queued"));
        while (!bulkhead.permits().hasQueuedThreads() && !queued.isDone()) {
            Thread.onSpinWait();
        }

        long before = System.nanoTime();
        assertThatThrownBy(() -> bulkhead.encode("one too many")).isInstanceOf(ServerBusy.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(30));
        assertThat(queued).isNotDone();

        encoder.finish.countDown();
        assertThat(first.get()).isEqualTo("hash of first");
        assertThat(queued.get()).isEqualTo("hash of queued");
        assertThat(bulkhead.encode("room again")).isEqualTo("hash of room again");
        assertThat(bulkhead.permits().availablePermits()).isEqualTo(1);
    }

    @Test
    void aStaffHashHasAPlaceOfItsOwnWhileTheCrowdsAreTaken() throws Exception {
        var encoder = new BlockingEncoder();
        var bulkhead = new HashingBulkhead(encoder, 1, 10, Duration.ZERO, new SimpleMeterRegistry());
        var first = CompletableFuture.supplyAsync(() -> bulkhead.encode("first"));
        encoder.started.await();

        assertThatThrownBy(() -> bulkhead.encode("a student's")).isInstanceOf(ServerBusy.class);
        var staff = CompletableFuture.supplyAsync(() -> {
            var hash = HashingLane.staff(() -> bulkhead.encode("an admin's"));
            // The lane ends with the call: the thread's next hash is the crowd's again.
            return HashingLane.isStaff() ? "still in the staff lane" : hash;
        });
        while (bulkhead.staffPermits().availablePermits() > 0 && !staff.isDone()) {
            Thread.onSpinWait();
        }
        assertThat(staff).isNotCompletedExceptionally();

        encoder.finish.countDown();
        assertThat(staff.get()).isEqualTo("hash of an admin's");
        assertThat(first.get()).isEqualTo("hash of first");
        assertThat(bulkhead.staffPermits().availablePermits()).isEqualTo(1);
    }

    @Test
    void aHashThatFailsGivesItsPlaceBack() {
        var failing = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                throw new IllegalArgumentException("unreadable hash");
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                throw new IllegalArgumentException("unreadable hash");
            }
        };
        var bulkhead = new HashingBulkhead(failing, 2, 10, Duration.ZERO, new SimpleMeterRegistry());

        assertThatThrownBy(() -> bulkhead.matches("x", "y")).isInstanceOf(IllegalArgumentException.class);
        assertThat(bulkhead.permits().availablePermits()).isEqualTo(2);
    }

    @Test
    void countsAHashInsideATransaction() {
        var encoder = new BlockingEncoder();
        encoder.finish.countDown();
        var bulkhead = new HashingBulkhead(encoder, 1, 10, Duration.ZERO, new SimpleMeterRegistry());
        bulkhead.encode("outside");
        assertThat(bulkhead.hashesHoldingConnection()).isZero();

        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            bulkhead.encode("inside");
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }

        assertThat(bulkhead.hashesHoldingConnection()).isEqualTo(1);
    }

    @Test
    void measuresEachLanesHashesWaitsCpuAndRefusals() throws Exception {
        var registry = new SimpleMeterRegistry();
        var busy = new BlockingEncoder();
        var bulkhead = new HashingBulkhead(busy, 1, 1, Duration.ofMillis(200), registry);
        var first = CompletableFuture.supplyAsync(() -> bulkhead.encode("first"));
        busy.started.await();
        // One waits its 200 ms in the queue and is refused; the one beyond the queue is refused at once.
        var queued = CompletableFuture.runAsync(() -> bulkhead.encode("queued"));
        while (!bulkhead.permits().hasQueuedThreads() && !queued.isDone()) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> bulkhead.encode("beyond the queue")).isInstanceOf(ServerBusy.class);
        assertThat(queued).failsWithin(Duration.ofSeconds(10));
        busy.finish.countDown();
        first.get();
        HashingLane.staff(() -> bulkhead.matches("an admin's", "hash of an admin's"));

        assertThat(registry.get("rollcall.password.hashes").tag("lane", "crowd").timer().count()).isEqualTo(1);
        assertThat(registry.get("rollcall.password.hashes").tag("lane", "staff").timer().count()).isEqualTo(1);
        assertThat(registry.get("rollcall.password.hash.refused").tag("lane", "crowd").counter().count()).isEqualTo(2);
        assertThat(registry.get("rollcall.password.hash.refused").tag("lane", "staff").counter().count()).isZero();
        var waits = registry.get("rollcall.password.hash.wait").tag("lane", "crowd").timer();
        assertThat(waits.count()).isEqualTo(1);
        assertThat(registry.get("rollcall.password.hash.wait").tag("lane", "staff").timer().count()).isEqualTo(1);
        assertThat(registry.get("rollcall.password.hash.cpu").tag("lane", "crowd").counter().count()).isNotNegative();
    }

    @Test
    void countsTheCpuTimeOfAHash() {
        var registry = new SimpleMeterRegistry();
        var spinning = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                long end = System.nanoTime() + 50_000_000L;
                long spins = 0;
                while (System.nanoTime() < end) {
                    spins++;
                }
                return "spun " + spins;
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return false;
            }
        };
        new HashingBulkhead(spinning, 1, 1, Duration.ZERO, registry).encode("x");

        // 50 ms of a busy loop is most of 50 ms of a core, unless the machine is very busy.
        assertThat(registry.get("rollcall.password.hash.cpu").tag("lane", "crowd").counter().count()).isGreaterThan(0.005);
        assertThat(registry.get("rollcall.password.hashes").tag("lane", "crowd").timer()
            .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
    }
}
