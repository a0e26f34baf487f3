package io.rollcall.importing.stage;

import java.util.List;

import javax.sql.DataSource;

import io.rollcall.db.Dialect;
import io.rollcall.importing.validate.RowError;

import io.rollcall.importing.ImportProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes checked rows into the staging table, and the per-row errors beside them, in bulk: every
 * non-blank row is staged, valid or not, so that duplicates can be found across the file.
 */
@Component
public class Stager {

    // Locks the job's row until the transaction ends, and reads who owns the import.
    static final String LOCK_OWNER = "select worker from import_job where id = ? for update";
    // Fewer dead rows cost the next imports little; they are left to the database's autovacuum.
    public static final long RECLAIM_FROM_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Stager.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final int batchSize;

    Stager(JdbcTemplate jdbc, TransactionTemplate transactions, DataSource dataSource, Dialect dialect,
            ImportProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.batchSize = properties.batchSize();
        this.dialect = dialect;
    }

    /** Starts staging an import's rows for its worker: COPY on PostgreSQL, batched inserts elsewhere. */
    public Staging open(String importId, String worker) {
        var writer = dialect == Dialect.POSTGRESQL ? new CopyRowWriter(dataSource, importId, worker)
            : new BatchRowWriter(jdbc, batchSize, write -> asOwner(importId, worker, write));
        return new Staging(this, importId, worker, writer);
    }

    /** Adds a staging run's row errors, unless another worker has taken the import over. */
    boolean insertErrorsAsOwner(String importId, String worker, List<RowError> errors) {
        return asOwner(importId, worker, () -> insertErrors(importId, errors, 0));
    }

    /**
     * Runs {@code write} in a transaction that holds the job's row locked, if {@code worker} owns
     * the import: a takeover (which then clears the import) comes either before, and nothing is
     * written, or after.
     */
    private boolean asOwner(String importId, String worker, Runnable write) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            var owner = jdbc.queryForList(LOCK_OWNER, String.class, importId);
            if (owner.size() != 1 || !worker.equals(owner.get(0))) {
                return false;
            }
            write.run();
            return true;
        }));
    }

    /** Adds errors; {@code firstSeq} orders a row's errors after those already written. */
    public void insertErrors(String importId, List<RowError> errors, int firstSeq) {
        if (errors.isEmpty()) {
            return;
        }
        var seq = new int[] {firstSeq};
        var previousRow = new long[] {-1};
        jdbc.batchUpdate("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                values (?, ?, ?, ?, ?, ?, ?)""", errors, errors.size(), (ps, error) -> {
                if (error.row() != previousRow[0]) {
                    seq[0] = firstSeq;
                    previousRow[0] = error.row();
                }
                ps.setString(1, importId);
                ps.setLong(2, error.row());
                ps.setInt(3, seq[0]++);
                ps.setString(4, truncate(error.email(), 254));
                ps.setString(5, error.field());
                ps.setString(6, error.code().name());
                ps.setString(7, truncate(error.message(), 1000));
            });
    }

    /** Removes what an earlier, interrupted run of the import left behind. */
    public void clear(String importId) {
        jdbc.update("delete from import_row where import_id = ?", importId);
        jdbc.update("delete from import_error where import_id = ?", importId);
        jdbc.update("delete from import_warning where import_id = ?", importId);
        jdbc.update("delete from import_removal where import_id = ?", importId);
    }

    // The tables an import stages its file in; errors and warnings are its report, not staging.
    private static final List<String> STAGED = List.of("import_row", "import_removal");

    /**
     * Drops the staged rows once the import has ended; errors and warnings stay for the report.
     *
     * @return how many rows were dropped
     */
    public int dropRows(String importId) {
        return STAGED.stream().mapToInt(table -> jdbc.update("delete from " + table + " where import_id = ?", importId))
            .sum();
    }

    /**
     * Gives the space of dropped staged rows back for the next imports' rows (PostgreSQL; outside a
     * transaction), once they are many. Every import's checks read the staging table whole, so rows
     * left dead there until an autovacuum, or for good where autovacuum is off, would slow every
     * later import. Skipped while another instance's vacuum of the table runs; rows a running
     * import's transaction may still see are left to the next vacuum. A failure only leaves the space
     * to the database's autovacuum.
     */
    public void reclaimSpace(long droppedRows) {
        if (dialect != Dialect.POSTGRESQL || droppedRows < RECLAIM_FROM_ROWS
                || TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        try {
            jdbc.execute("vacuum (skip_locked) " + String.join(", ", STAGED));
        } catch (DataAccessException e) {
            log.warn("The space of {} dropped staged rows is left to the database's autovacuum: {}", droppedRows,
                e.getMostSpecificCause().getMessage());
        }
    }

    /**
     * Drops what ended imports left staged (a worker stopped between the end and its own drop).
     *
     * @return how many rows were dropped
     */
    public int dropRowsOfEndedImports() {
        int dropped = 0;
        for (var table : STAGED) {
            dropped += jdbc.update("delete from " + table
                + " where import_id in (select id from import_job where status in ('COMPLETED', 'FAILED'))");
        }
        return dropped;
    }

    /** A membership a OneRoster row marks {@code tobedeleted}: the import deactivates it. */
    public record Removal(long row, String schoolId, String emailKey) {
    }

    /** Stages the memberships to deactivate, unless another worker has taken the import over. */
    public boolean stageRemovals(String importId, String worker, List<Removal> removals) {
        return removals.isEmpty() || asOwner(importId, worker, () -> jdbc.batchUpdate(
            "insert into import_removal (import_id, row_no, school_id, email_key) values (?, ?, ?, ?)",
            removals, batchSize, (ps, removal) -> {
                ps.setString(1, importId);
                ps.setLong(2, removal.row());
                ps.setString(3, removal.schoolId());
                ps.setString(4, removal.emailKey());
            }));
    }

    /** A warning about one row. */
    public record Warning(long row, String schoolId, String code, String message) {
    }

    /** Adds warnings about rows in batches, unless another worker has taken the import over. */
    public boolean warnAll(String importId, String worker, List<Warning> warnings) {
        return warnings.isEmpty() || asOwner(importId, worker, () -> jdbc.batchUpdate(
            "insert into import_warning (import_id, row_no, school_id, code, message) values (?, ?, ?, ?, ?)",
            warnings, batchSize, (ps, warning) -> {
                ps.setString(1, importId);
                ps.setLong(2, warning.row());
                ps.setString(3, warning.schoolId());
                ps.setString(4, warning.code());
                ps.setString(5, truncate(warning.message(), 1000));
            }));
    }

    /** Adds a warning about the file (row 1) or about a row of the given school (null: none). */
    public void warn(String importId, long row, String schoolId, String code, String message) {
        jdbc.update("insert into import_warning (import_id, row_no, school_id, code, message) values (?, ?, ?, ?, ?)",
            importId, row, schoolId, code, truncate(message, 1000));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
