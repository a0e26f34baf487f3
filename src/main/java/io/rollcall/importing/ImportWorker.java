package io.rollcall.importing;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Processes queued imports in the background, {@code rollcall.import.workers} at a time. Woken at
 * once by an upload on this instance, and every few seconds to pick up jobs queued by other
 * instances or abandoned by an instance that died (no heartbeat for {@code stale-after}, 20 seconds).
 * Heartbeats have a thread of their own, so no other scheduled work can make a running import look
 * abandoned. On shutdown the jobs in progress are handed back at once for another instance to take.
 */
@Component
class ImportWorker {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private final ImportJobs jobs;
    private final ImportProcessor processor;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final String name;
    private final Duration staleAfter;
    // The jobs being processed here, each with the claim that owns it.
    private final Map<String, String> active = new ConcurrentHashMap<>();
    private final AtomicLong claims = new AtomicLong();
    private final ScheduledExecutorService heartbeats;
    private volatile boolean stopping;

    ImportWorker(ImportJobs jobs, ImportProcessor processor, ImportProperties properties) {
        int workers = properties.workers();
        this.jobs = jobs;
        this.processor = processor;
        this.executor = Executors.newFixedThreadPool(workers, runnable -> {
            var thread = new Thread(runnable, "import-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.slots = new Semaphore(workers);
        var process = ManagementFactory.getRuntimeMXBean().getName();
        // Room for "#" and a claim number in import_job.worker (100 characters).
        this.name = process.substring(0, Math.min(process.length(), 70)) + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.staleAfter = properties.staleAfter();
        var heartbeatInterval = properties.heartbeatInterval();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "import-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    /** Starts processing queued jobs on every free worker. */
    @Scheduled(fixedDelayString = "${rollcall.import.poll-interval:5s}", initialDelayString = "1s")
    void wake() {
        while (slots.tryAcquire()) {
            executor.execute(this::drain);
        }
    }

    // Keeps the jobs this instance is processing right now from looking abandoned during long
    // steps (the apply step). A job whose processing died (the database went away mid-import) gets
    // no more beats, turns stale and is claimed again.
    private void heartbeat() {
        try {
            active.forEach(jobs::beat);
        } catch (RuntimeException e) {
            log.warn("Import heartbeat failed ({}); retrying at the next beat", e.toString());
        }
    }

    private void drain() {
        try {
            while (true) {
                // One name per claim, not per instance: should this instance's other worker take a job
                // over from a stalled one here, the stalled one no longer owns it either.
                if (stopping) {
                    return;
                }
                var claim = name + "#" + claims.incrementAndGet();
                var job = jobs.claimNext(claim, staleAfter);
                if (job.isEmpty()) {
                    return;
                }
                active.put(job.get().id(), claim);
                try {
                    processor.process(job.get(), claim);
                } finally {
                    active.remove(job.get().id(), claim);
                }
            }
        } catch (RuntimeException e) {
            log.error("Import worker stopped on an unexpected error; it resumes at the next poll", e);
        } finally {
            slots.release();
        }
    }

    // The jobs in progress go back to the queue first, so that another instance takes them over now
    // rather than after stale-after; this instance's work on them then fails its owner checks. No
    // interrupt: an interrupted read or write closes the embedded H2 database's file for good.
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        heartbeats.shutdown();
        active.forEach((id, claim) -> {
            try {
                if (jobs.release(id, claim)) {
                    log.info("Import {} handed back to the queue for another instance", id);
                }
            } catch (RuntimeException e) {
                log.warn("Import {} could not be handed back ({}); it is taken over after {}", id, e, staleAfter);
            }
        });
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
