package io.rollcall.importing.report;

import java.util.List;

import io.rollcall.importing.ImportReport;
import io.rollcall.paging.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what an import reported: its row errors and warnings, and its email counts. */
@Repository
public class ReportRepository {

    public static final int MAX_ERRORS_SHOWN = 1000;

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the import's errors in the scope, sorted by row. */
    public List<ImportReport.ReportedError> errors(String importId, RowScope scope, PageRequest request) {
        return scoped("""
                select row_no, email, field, code, message from import_error e
                where import_id = :id and %s order by row_no, seq limit :size offset :offset""", "e", scope)
            .param("id", importId).param("size", request.size()).param("offset", request.offset())
            .query((rs, n) -> new ImportReport.ReportedError(rs.getLong("row_no"), rs.getString("email"),
                rs.getString("field"), rs.getString("code"), rs.getString("message")))
            .list();
    }

    /** How many errors of the import are in the scope. */
    public int errorCount(String importId, RowScope scope) {
        return scoped("select count(*) from import_error e where import_id = :id and %s", "e", scope)
            .param("id", importId).query(Integer.class).single();
    }

    /** A page of the members the import deactivated in the scope, by school and email. */
    public List<ImportReport.Deactivation> deactivations(String importId, RowScope scope, PageRequest request) {
        return scoped("""
                select school_id, email, first_name, last_name from import_deactivation d
                where import_id = :id and %s order by school_id, lower(email), account_id
                limit :size offset :offset""", "d", scope)
            .param("id", importId).param("size", request.size()).param("offset", request.offset())
            .query(ImportReport.Deactivation.class).list();
    }

    public int deactivationCount(String importId, RowScope scope) {
        return scoped("select count(*) from import_deactivation d where import_id = :id and %s", "d", scope)
            .param("id", importId).query(Integer.class).single();
    }

    public List<ImportReport.Warning> warnings(String importId, RowScope scope) {
        return scoped("""
                select row_no, code, message from import_warning w
                where import_id = :id and %s order by row_no, code limit :max""", "w", scope)
            .param("id", importId).param("max", MAX_ERRORS_SHOWN)
            .query((rs, n) -> new ImportReport.Warning(rs.getLong("row_no"), rs.getString("code"),
                rs.getString("message")))
            .list();
    }

    /**
     * Streams the rows in the scope that failed, in row order, each with its messages joined by
     * "; ". Call it inside a transaction: PostgreSQL streams a result only there, else it sends
     * every row at once.
     */
    public void forEachFailedRow(String importId, RowScope scope, java.util.function.Consumer<FailedRow> action) {
        forEachFailedRow(importId, scope, (code, message) -> message, action);
    }

    /**
     * {@link #forEachFailedRow(String, RowScope, java.util.function.Consumer)}, each message worded by
     * {@code wording} from its code and English text (a page's download in its reader's language).
     */
    public void forEachFailedRow(String importId, RowScope scope, java.util.function.BinaryOperator<String> wording,
            java.util.function.Consumer<FailedRow> action) {
        var row = new long[] {-1};
        var message = new StringBuilder();
        scoped("select row_no, message, code from import_error e where import_id = :id and %s order by row_no, seq", "e",
                scope)
            .param("id", importId)
            .withFetchSize(1000)
            .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                long rowNo = rs.getLong(1);
                if (rowNo != row[0] && row[0] >= 0) {
                    action.accept(new FailedRow(row[0], message.toString()));
                    message.setLength(0);
                }
                row[0] = rowNo;
                message.append(message.isEmpty() ? "" : "; ").append(wording.apply(rs.getString(3), rs.getString(2)));
            });
        if (row[0] >= 0) {
            action.accept(new FailedRow(row[0], message.toString()));
        }
    }

    // The statement with the scope's condition on the rows of {@code alias} in place of its %s.
    private JdbcClient.StatementSpec scoped(String sql, String alias, RowScope scope) {
        return jdbc.sql(sql.formatted(scope.condition(alias)))
            .param("allRows", scope.all())
            .param("scopeSchools", scope.schoolList())
            .param("unassigned", scope.unassigned());
    }

    public record FailedRow(long row, String message) {
    }
}
