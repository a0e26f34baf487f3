package io.rollcall.importing;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What imports did and how long they took, for {@code /actuator/prometheus}: {@code rollcall_import_rows_total{outcome}},
 * {@code rollcall_import_deactivated_total}, {@code rollcall_import_duration_seconds{status}} and
 * {@code rollcall_import_stage_seconds{stage}}. Tags take a few fixed values, never a school or an import.
 */
@Component
class ImportMetrics {

    private final MeterRegistry registry;
    private final Counter created;
    private final Counter updated;
    private final Counter unchanged;
    private final Counter failed;
    private final Counter deactivated;

    ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = rows(registry, "created");
        this.updated = rows(registry, "updated");
        this.unchanged = rows(registry, "unchanged");
        this.failed = rows(registry, "failed");
        this.deactivated = Counter.builder("rollcall.import.deactivated")
            .description("Memberships deactivated by syncs").register(registry);
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("rollcall.import.rows").tag("outcome", outcome)
            .description("Rows of completed imports (dry runs not counted), as their reports count them")
            .register(registry);
    }

    /** One processed import, from its claim to its end: how it ended and, when it wrote anything, its counts. */
    void finished(ImportJob job, Duration took) {
        Timer.builder("rollcall.import.duration").tag("status", job.status().name().toLowerCase(Locale.ROOT))
            .description("From a worker's claim to the end of the import").register(registry).record(took);
        if (job.status() == ImportStatus.COMPLETED && !job.dryRun()) {
            created.increment(job.createdCount());
            updated.increment(job.updatedCount());
            unchanged.increment(job.unchangedCount());
            failed.increment(job.failedCount());
            deactivated.increment(job.deactivatedCount());
        }
    }

    /** The steps of a completed import, from {@link System#nanoTime()} readings at their ends. */
    void stages(long started, long staged, long applied, long cleanedUp) {
        stage("stage", staged - started);
        stage("apply", applied - staged);
        stage("cleanup", cleanedUp - applied);
    }

    private void stage(String stage, long nanos) {
        Timer.builder("rollcall.import.stage").tag("stage", stage)
            .description("Each step of a completed import: read, check and stage the rows (one pass), apply, clean up")
            .register(registry).record(Duration.ofNanos(nanos));
    }
}
