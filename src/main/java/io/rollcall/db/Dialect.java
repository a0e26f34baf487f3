package io.rollcall.db;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database Rollcall runs on, and the one place that knows PostgreSQL from H2. Every statement
 * that is not portable asks this enum for its vendor's form; everything else is written once for
 * both (H2 in PostgreSQL mode).
 */
public enum Dialect {
    /** The database a school runs on: COPY, unlogged staging, row locks that spare keys. */
    POSTGRESQL,
    /** The embedded database for trying Rollcall out. */
    H2;

    static Dialect of(DataSource dataSource) {
        boolean postgres = Boolean.TRUE.equals(new JdbcTemplate(dataSource).execute(
            (ConnectionCallback<Boolean>) connection -> connection.isWrapperFor(PGConnection.class)));
        return postgres ? POSTGRESQL : H2;
    }

    /**
     * The row lock that serializes writers of the locked rows: on PostgreSQL one that leaves their
     * keys alone, so that statements that only refer to the rows (foreign keys) do not wait.
     */
    public String lockForWriting() {
        return this == POSTGRESQL ? "for no key update" : "for update";
    }

    /**
     * The row lock that waits for a writer of the rows and makes the next writer wait: on PostgreSQL
     * shared, so that readers taking it do not wait for each other.
     */
    public String lockForReading() {
        return this == POSTGRESQL ? "for share" : "for update";
    }
}
