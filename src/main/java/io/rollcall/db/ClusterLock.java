package io.rollcall.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Work that must happen once in a cluster (the retention purge, creating the first operator) runs
 * under a named lock that every instance on the database shares: on PostgreSQL a session advisory
 * lock, held on a connection of its own for as long as the work runs and released by the server
 * should the instance die. The embedded H2 database serves one process, so a lock in this JVM does.
 */
@Component
public class ClusterLock {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();

    ClusterLock(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Runs {@code work} unless another instance is running work under this name right now. */
    public boolean runIfFree(String name, Runnable work) {
        return run(name, false, () -> {
            work.run();
            return Boolean.TRUE;
        }) != null;
    }

    /** Waits until no other instance runs work under this name, then runs {@code work}. */
    public <T> T runAlone(String name, Supplier<T> work) {
        return run(name, true, work);
    }

    private <T> T run(String name, boolean wait, Supplier<T> work) {
        var jvmLock = local.computeIfAbsent(name, n -> new ReentrantLock());
        if (wait) {
            jvmLock.lock();
        } else if (!jvmLock.tryLock()) {
            return null;
        }
        try {
            if (dialect != Dialect.POSTGRESQL) {
                return work.get();
            }
            try (var connection = dataSource.getConnection()) {
                if (!advisoryLock(connection, name, wait)) {
                    return null;
                }
                try {
                    return work.get();
                } finally {
                    advisoryUnlock(connection, name);
                }
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("Could not take the cluster lock " + name, e);
            }
        } finally {
            jvmLock.unlock();
        }
    }

    private static boolean advisoryLock(Connection connection, String name, boolean wait) throws SQLException {
        var sql = wait ? "select pg_advisory_lock(?), true" : "select pg_try_advisory_lock(?)";
        try (var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key(name));
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(wait ? 2 : 1);
            }
        }
    }

    private static void advisoryUnlock(Connection connection, String name) throws SQLException {
        try (var statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, key(name));
            statement.execute();
        }
    }

    // A fixed 64-bit key per name, in Rollcall's own range (the high word spells "RC").
    static long key(String name) {
        return ((long) 0x5243 << 48) | (name.hashCode() & 0xFFFFFFFFL);
    }
}
