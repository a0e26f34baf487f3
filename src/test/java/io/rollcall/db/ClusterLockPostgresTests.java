package io.rollcall.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.TestDatabase;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Two instances on one PostgreSQL (two locks on two connection pools, as two JVMs would have):
 * work under one name never overlaps, a busy name is skipped by {@code runIfFree}, and a lock held
 * by an instance that died (its connection closed) is free again.
 */
class ClusterLockPostgresTests {

    private static HikariDataSource first;
    private static HikariDataSource second;

    @BeforeAll
    static void connect() {
        first = pool();
        second = pool();
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    private static HikariDataSource pool() {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabase.URL);
        pool.setUsername(TestDatabase.USER);
        pool.setPassword(TestDatabase.PASSWORD);
        pool.setMaximumPoolSize(3);
        return pool;
    }

    @Test
    void oneInstanceAtATimeRunsWorkUnderAName() throws Exception {
        var instances = new ClusterLock[] {new ClusterLock(first, Dialect.POSTGRESQL),
            new ClusterLock(second, Dialect.POSTGRESQL)};
        var inside = new AtomicInteger();
        var overlaps = new AtomicInteger();
        var runs = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            var lock = instances[i % 2];
            pool.execute(() -> lock.runAlone("test-bootstrap", () -> {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                sleep(50);
                inside.decrementAndGet();
                return runs.incrementAndGet();
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(8);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void aBusyNameIsSkippedByTheOtherInstanceAndFreeOnceDone() throws Exception {
        var holder = new ClusterLock(first, Dialect.POSTGRESQL);
        var other = new ClusterLock(second, Dialect.POSTGRESQL);
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var thread = new Thread(() -> holder.runIfFree("test-retention", () -> {
            holding.countDown();
            await(release);
        }));
        thread.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        var ran = new AtomicInteger();
        assertThat(other.runIfFree("test-retention", ran::incrementAndGet)).isFalse();
        assertThat(other.runIfFree("test-another-name", ran::incrementAndGet)).isTrue();
        assertThat(ran).hasValue(1);

        release.countDown();
        thread.join(10_000);
        assertThat(other.runIfFree("test-retention", ran::incrementAndGet)).isTrue();
        assertThat(ran).hasValue(2);
    }

    @Test
    void theLockOfAnInstanceWhoseConnectionDiesIsFree() throws Exception {
        var holding = new CountDownLatch(1);
        var thread = new Thread(() -> {
            try {
                new ClusterLock(first, Dialect.POSTGRESQL).runIfFree("test-crash", () -> {
                    holding.countDown();
                    sleep(20_000);
                });
            } catch (RuntimeException expected) {
                // Its connection went away under it.
            }
        });
        thread.setDaemon(true);
        thread.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        var other = new ClusterLock(second, Dialect.POSTGRESQL);
        assertThat(other.runIfFree("test-crash", () -> { })).isFalse();

        // The holder's connection dies (its instance was killed): the server lets go of its lock.
        try (var connection = second.getConnection(); var statement = connection.prepareStatement("""
                select pg_terminate_backend(pid) from pg_locks
                where locktype = 'advisory' and objsubid = 1 and objid = ?::bigint::oid""")) {
            statement.setLong(1, ClusterLock.key("test-crash") & 0xFFFFFFFFL);
            try (var result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
            }
        }
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean free = false;
        while (!free && System.nanoTime() < deadline) {
            free = other.runIfFree("test-crash", () -> { });
            sleep(100);
        }
        assertThat(free).isTrue();
        thread.interrupt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
