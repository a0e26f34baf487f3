package io.rollcall.importing.stage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * Stages rows on PostgreSQL with one streaming {@code COPY ... FROM STDIN}: the server loads rows
 * while the worker parses the next ones, and nothing is visible until {@link #finish()} commits
 * them, with the job's row locked, if the worker still owns the import.
 */
final class CopyRowWriter implements RowWriter {

    private static final String COPY = "copy import_row (" + StagedColumns.NAMES + ") from stdin (format csv)";
    // Encoded and sent in slices of about this many characters.
    private static final int SEND_AT = 256 * 1024;
    // Below this, the staging table's statistics do not change the plans enough to be worth an
    // ANALYZE, which would also wait behind an autovacuum of the table.
    private static final long ANALYZE_FROM_ROWS = 10_000;

    private final Connection connection;
    private final CopyIn copy;
    private final String importId;
    private final String worker;
    private final StringBuilder buffer = new StringBuilder(SEND_AT + 4096);
    private long rows;

    CopyRowWriter(DataSource dataSource, String importId, String worker) {
        this.importId = importId;
        this.worker = worker;
        try {
            this.connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("open a connection", e);
        }
        try {
            connection.setAutoCommit(false);
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        } catch (SQLException e) {
            closeQuietly();
            throw failure("start COPY", e);
        }
    }

    @Override
    public void write(List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            var value = values.get(i);
            if (i > 0) {
                buffer.append(',');
            }
            if (value instanceof Boolean flag) {
                buffer.append(flag ? 't' : 'f');
            } else if (value instanceof Long number) {
                buffer.append(number.longValue());
            } else {
                field((String) value);
            }
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= SEND_AT) {
            send();
        }
    }

    // In CSV format an unquoted empty field is NULL; every value is quoted so that "" stays a string.
    private StringBuilder field(String value) {
        if (value == null) {
            return buffer;
        }
        buffer.append('"');
        if (value.indexOf('"') < 0) {
            buffer.append(value);
        } else {
            buffer.append(value.replace("\"", "\"\""));
        }
        return buffer.append('"');
    }

    private void send() {
        var bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw failure("COPY rows", e);
        }
    }

    @Override
    public boolean finish() {
        send();
        try {
            copy.endCopy();
            if (!worker.equals(lockOwner())) {
                connection.rollback();
                return false;
            }
            connection.commit();
            if (rows >= ANALYZE_FROM_ROWS) {
                // Fresh statistics, so that the apply step's joins are planned for this many rows.
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("analyze import_row");
                }
            }
            return true;
        } catch (SQLException e) {
            throw failure("end COPY", e);
        }
    }

    // Holds the job's row until commit or rollback: a takeover waits, or has already happened.
    private String lockOwner() throws SQLException {
        try (var statement = connection.prepareStatement(Stager.LOCK_OWNER)) {
            statement.setString(1, importId);
            try (var result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    @Override
    public void close() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The connection is closed below; the server drops the unfinished COPY with it.
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // Closing the connection below ends the transaction as well.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to release.
        }
    }

    private static UncategorizedSQLException failure(String task, SQLException e) {
        return new UncategorizedSQLException("Staging rows: " + task, COPY, e);
    }
}
