package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class MailMetricsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-09-01T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    @Test
    void scrapesWithinFiveSecondsShareOneCountOfTheOutbox() {
        var queries = new AtomicInteger();
        var registry = new SimpleMeterRegistry();
        new MailMetrics(registry, () -> 40L + queries.incrementAndGet(), clock);
        var gauge = registry.get("rollcall.outbox.pending").gauge();

        assertThat(gauge.value()).isEqualTo(41);
        now.set(now.get().plus(Duration.ofSeconds(4)));
        assertThat(gauge.value()).isEqualTo(41);
        assertThat(queries).hasValue(1);

        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(gauge.value()).isEqualTo(42);
        assertThat(queries).hasValue(2);
    }

    @Test
    void anUnreadableOutboxIsAGapNotAZero() {
        var registry = new SimpleMeterRegistry();
        new MailMetrics(registry, () -> {
            throw new DataAccessResourceFailureException("connection refused");
        }, clock);

        assertThat(registry.get("rollcall.outbox.pending").gauge().value()).isNaN();
    }
}
