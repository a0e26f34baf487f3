package io.rollcall.importing.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.validate.RowError;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds rows of one file that share an email (any case) or, within one school, an issuedID. Every
 * such row fails and names the others. The database groups the rows, so memory grows only with
 * the size of one group.
 */
@Component
class DuplicateFinder {

    // Longer lists are cut, so that one message stays readable.
    private static final int MAX_ROWS_NAMED = 20;

    private final JdbcTemplate jdbc;

    DuplicateFinder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<RowError> duplicateEmails(String importId) {
        return find("""
                select r.row_no, r.email, r.email_key as group_key from import_row r
                where r.import_id = ? and r.email_key in (
                    select email_key from import_row where import_id = ? and email_key is not null
                    group by email_key having count(*) > 1)
                order by r.email_key, r.row_no""", new Object[] {importId, importId}, ErrorCode.DUPLICATE_EMAIL, "email", "Duplicate email with ");
    }

    List<RowError> duplicateIssuedIds(String importId) {
        return find("""
                select r.row_no, r.email, r.school_id || '|' || r.issued_id as group_key from import_row r
                where r.import_id = ? and exists (
                    select 1 from import_row o where o.import_id = r.import_id and o.school_id = r.school_id
                        and o.issued_id = r.issued_id and o.row_no <> r.row_no)
                order by r.school_id, r.issued_id, r.row_no""", new Object[] {importId}, ErrorCode.DUPLICATE_ISSUED_ID, "issuedID",
            "Duplicate issuedID with ");
    }

    private record Member(long row, String email) {
    }

    private List<RowError> find(String sql, Object[] args, ErrorCode code, String field, String prefix) {
        var errors = new ArrayList<RowError>();
        var group = new ArrayList<Member>();
        var key = new String[1];
        jdbc.query(sql, rs -> {
            var groupKey = rs.getString("group_key");
            if (!Objects.equals(groupKey, key[0])) {
                flush(group, errors, code, field, prefix);
                key[0] = groupKey;
            }
            group.add(new Member(rs.getLong("row_no"), rs.getString("email")));
        }, args);
        flush(group, errors, code, field, prefix);
        return errors;
    }

    private static void flush(List<Member> group, List<RowError> errors, ErrorCode code, String field, String prefix) {
        for (var member : group) {
            var others = group.stream().filter(m -> m.row() != member.row()).map(m -> String.valueOf(m.row())).toList();
            errors.add(new RowError(member.row(), member.email(), field, code, prefix + rowList(others)));
        }
        group.clear();
    }

    private static String rowList(List<String> rows) {
        if (rows.size() == 1) {
            return "row " + rows.get(0);
        }
        var named = rows.stream().limit(MAX_ROWS_NAMED).collect(Collectors.joining(", "));
        return "rows " + named + (rows.size() > MAX_ROWS_NAMED ? " and " + (rows.size() - MAX_ROWS_NAMED) + " more" : "");
    }
}
