package io.rollcall.config;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What one lane of the {@link HashingBulkhead} does, for {@code /actuator/prometheus} (tag {@code lane}:
 * {@code crowd} or {@code staff}): how long requests waited for a place
 * ({@code rollcall_password_hash_wait_seconds}), how long the hashes took and how many there were
 * ({@code rollcall_password_hashes_seconds}), the CPU they used ({@code rollcall_password_hash_cpu_seconds_total}:
 * next to {@code process_cpu_time}, the share of the cores that went to bcrypt), and the requests
 * refused as busy ({@code rollcall_password_hash_refused_total}).
 */
final class HashingMeters {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Timer waits;
    private final Timer hashes;
    private final Counter cpu;
    private final Counter refused;

    HashingMeters(MeterRegistry registry, String lane) {
        this.waits = Timer.builder("rollcall.password.hash.wait").tag("lane", lane)
            .description("Time a request waited for a place to hash a password").register(registry);
        this.hashes = Timer.builder("rollcall.password.hashes").tag("lane", lane)
            .description("Password hashes (bcrypt), and the time each took").register(registry);
        this.cpu = Counter.builder("rollcall.password.hash.cpu").tag("lane", lane).baseUnit("seconds")
            .description("CPU time of the password hashes").register(registry);
        this.refused = Counter.builder("rollcall.password.hash.refused").tag("lane", lane)
            .description("Requests refused as busy (SERVER_BUSY) because every place to hash was taken and the queue full")
            .register(registry);
    }

    void waited(long nanos) {
        waits.record(nanos, TimeUnit.NANOSECONDS);
    }

    void refused() {
        refused.increment();
    }

    <T> T hash(Supplier<T> hash) {
        boolean timed = THREADS.isCurrentThreadCpuTimeSupported();
        long cpuStart = timed ? THREADS.getCurrentThreadCpuTime() : -1;
        long start = System.nanoTime();
        try {
            return hash.get();
        } finally {
            hashes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            long cpuEnd = timed ? THREADS.getCurrentThreadCpuTime() : -1;
            if (cpuStart >= 0 && cpuEnd >= cpuStart) {
                cpu.increment((cpuEnd - cpuStart) / 1e9);
            }
        }
    }
}
