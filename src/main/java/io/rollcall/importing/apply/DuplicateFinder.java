package io.rollcall.importing.apply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.rollcall.db.Dialect;
import io.rollcall.error.ErrorCode;
import io.rollcall.importing.validate.RowError;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Finds rows of one file that share an email (any case) or, within one school, an issuedID. Every
 * such row fails and names the others. The database groups the rows and streams them: PostgreSQL
 * finds the duplicated keys first with a hash aggregate, so that only the rows of the rare groups
 * get sorted; H2, which would run that join's grouping once per row, counts with a window over the
 * whole file. Memory holds one batch of errors and the first rows of one group, whatever the file's
 * size. Must run inside a transaction, so that PostgreSQL streams the rows instead of
 * sending them all at once.
 */
@Component
class DuplicateFinder {

    // Longer lists are cut, so that one message stays readable.
    private static final int MAX_ROWS_NAMED = 20;
    private static final int FETCH_SIZE = 1000;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final Dialect dialect;

    DuplicateFinder(JdbcTemplate jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Hands the DUPLICATE_EMAIL errors to {@code sink} in batches, in email then row order: rows with
     * the same email, or (one row per school) the same email at the same school.
     */
    void duplicateEmails(String importId, PersonRows personRows, Consumer<List<RowError>> sink) {
        var groups = new Groups(ErrorCode.DUPLICATE_EMAIL, "email", "Duplicate email with ", sink);
        var perSchool = personRows == PersonRows.ONE_PER_SCHOOL;
        // Grouped by the columns themselves (a hash of two columns, not of a string built per row).
        var columns = perSchool ? "email_key, school_id" : "email_key";
        var named = perSchool ? "email_key is not null and school_id is not null" : "email_key is not null";
        if (dialect == Dialect.POSTGRESQL) {
            find("""
                    select r.row_no, r.email, d.email_key%4$s as group_key, d.group_size
                    from (select %1$s, count(*) as group_size from import_row
                        where import_id = ? and %2$s
                        group by %1$s having count(*) > 1) d
                    join import_row r on r.import_id = ? and r.email_key = d.email_key%3$s
                    order by group_key, r.row_no""".formatted(columns, named,
                perSchool ? " and r.school_id = d.school_id" : "", perSchool ? " || '|' || d.school_id" : ""),
                groups, importId, importId);
        } else {
            find("""
                    select row_no, email, group_key, group_size from (
                        select row_no, email, email_key%3$s as group_key,
                            count(*) over (partition by %1$s) as group_size
                        from import_row where import_id = ? and %2$s) d
                    where group_size > 1
                    order by group_key, row_no""".formatted(columns, named, perSchool ? " || '|' || school_id" : ""),
                groups, importId);
        }
    }

    /** Hands the DUPLICATE_ISSUED_ID errors to {@code sink} in batches. */
    void duplicateIssuedIds(String importId, Consumer<List<RowError>> sink) {
        var groups = new Groups(ErrorCode.DUPLICATE_ISSUED_ID, "issuedID", "Duplicate issuedID with ", sink);
        if (dialect == Dialect.POSTGRESQL) {
            find("""
                    select r.row_no, r.email, d.school_id || '|' || d.issued_id as group_key, d.group_size
                    from (select school_id, issued_id, count(*) as group_size from import_row
                        where import_id = ? and school_id is not null and issued_id is not null
                        group by school_id, issued_id having count(*) > 1) d
                    join import_row r on r.import_id = ? and r.school_id = d.school_id and r.issued_id = d.issued_id
                    order by group_key, r.row_no""", groups, importId, importId);
        } else {
            find("""
                    select row_no, email, group_key, group_size from (
                        select row_no, email, school_id || '|' || issued_id as group_key,
                            count(*) over (partition by school_id, issued_id) as group_size
                        from import_row where import_id = ? and school_id is not null and issued_id is not null) d
                    where group_size > 1
                    order by group_key, row_no""", groups, importId);
        }
    }

    private void find(String sql, Groups groups, String... params) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            return statement;
        }, groups);
        groups.flush();
    }

    private record Member(long row, String email) {
    }

    /**
     * Turns the rows of each group, in row order, into errors. A message names the first rows of the
     * group, so only those are held until the group's head is complete.
     */
    private static final class Groups implements RowCallbackHandler {

        private final ErrorCode code;
        private final String field;
        private final String prefix;
        private final Consumer<List<RowError>> sink;
        private final List<Member> head = new ArrayList<>(MAX_ROWS_NAMED + 1);
        private final List<RowError> batch = new ArrayList<>(BATCH);
        private String key;
        private long size;

        Groups(ErrorCode code, String field, String prefix, Consumer<List<RowError>> sink) {
            this.code = code;
            this.field = field;
            this.prefix = prefix;
            this.sink = sink;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            var groupKey = rs.getString("group_key");
            if (!Objects.equals(groupKey, key)) {
                key = groupKey;
                size = rs.getLong("group_size");
                head.clear();
            }
            var member = new Member(rs.getLong("row_no"), rs.getString("email"));
            long headSize = Math.min(size, MAX_ROWS_NAMED + 1);
            if (head.size() < headSize) {
                head.add(member);
                if (head.size() == headSize) {
                    head.forEach(this::report);
                }
            } else {
                report(member);
            }
        }

        private void report(Member member) {
            var named = head.stream().filter(m -> m.row() != member.row()).limit(MAX_ROWS_NAMED)
                .map(m -> String.valueOf(m.row())).toList();
            batch.add(new RowError(member.row(), member.email(), field, code, prefix + rowList(named, size - 1)));
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                sink.accept(batch);
                batch.clear();
            }
        }

        private static String rowList(List<String> named, long others) {
            if (others == 1) {
                return "row " + named.get(0);
            }
            return "rows " + String.join(", ", named) + (others > named.size() ? " and " + (others - named.size()) + " more" : "");
        }
    }
}
