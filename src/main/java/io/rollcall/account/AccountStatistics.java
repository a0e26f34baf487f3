package io.rollcall.account;

import io.rollcall.db.Dialect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Fresh planner statistics for accounts and memberships once a bulk write has committed. Right after
 * an import of 100,000 rows into a school, PostgreSQL's statistics still describe the tables before
 * it, until an autovacuum analyzes them (a minute later, or never where autovacuum is off): it then
 * took the school for a few rows, and sorted all of its members for every users page past the first
 * (0.5 s instead of 10 ms at page 100 of 300,000 members). Analyzing samples at most 30,000 rows of
 * each table, whatever its size.
 */
@Component
public class AccountStatistics {

    /** Fewer written rows change the tables' statistics little: they are left to autovacuum. */
    public static final long REFRESH_FROM_ROWS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(AccountStatistics.class);

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    AccountStatistics(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Analyzes the accounts and memberships after {@code rowsWritten} of them were written, if that is
     * many; outside any transaction, after the writes committed. Skipped while another session analyzes
     * or vacuums them; a failure only leaves it to autovacuum.
     */
    public void refreshAfter(long rowsWritten) {
        if (dialect != Dialect.POSTGRESQL || rowsWritten < REFRESH_FROM_ROWS
                || TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        try {
            jdbc.execute("analyze (skip_locked) account, membership");
        } catch (DataAccessException e) {
            log.warn("The statistics of accounts and memberships are left to the database's autovacuum: {}",
                e.getMostSpecificCause().getMessage());
        }
    }
}
