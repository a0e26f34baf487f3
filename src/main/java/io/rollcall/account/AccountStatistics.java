package io.rollcall.account;

import io.rollcall.db.Dialect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Fresh planner statistics for accounts and memberships once an import's writes have committed.
 * Right after an import of 100,000 rows into a school, PostgreSQL's statistics still describe the
 * tables before it until an autovacuum analyzes them (up to a minute later, or never where autovacuum
 * is off): it then took the school for a few rows and sorted all of its members for every users page
 * past the first (0.5 s instead of 10 ms at page 100 of 300,000 members), or, in a new school, for
 * every page. The rule is autovacuum's own (analyze once the rows changed since the last analyze
 * exceed 50 and a tenth of the table), applied at once; analyzing samples at most 30,000 rows of
 * each table, whatever its size.
 */
@Component
public class AccountStatistics {

    private static final Logger log = LoggerFactory.getLogger(AccountStatistics.class);

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    AccountStatistics(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Analyzes the accounts and memberships if, with the {@code rowsWritten} just committed, enough
     * of them changed since they were last analyzed. Outside any transaction; skipped while another
     * session analyzes or vacuums them; a failure only leaves it to autovacuum.
     */
    public void refreshAfter(long rowsWritten) {
        if (dialect != Dialect.POSTGRESQL || rowsWritten == 0
                || TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        try {
            if (stale(rowsWritten)) {
                jdbc.execute("analyze (skip_locked) account, membership");
            }
        } catch (DataAccessException e) {
            log.warn("The statistics of accounts and memberships are left to the database's autovacuum: {}",
                e.getMostSpecificCause().getMessage());
        }
    }

    // Every written row is a membership's. The statistics views may not count the rows just written yet
    // (a backend reports them up to a second or more later): they are added, at worst counted twice.
    private boolean stale(long rowsWritten) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select ? + coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0)
                from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
                where c.oid = 'membership'::regclass""", Boolean.class, rowsWritten));
    }
}
