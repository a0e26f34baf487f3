package io.rollcall.account;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.rollcall.audit.AuditLog;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What happened to a person at one school, as its admins see it: the account created, added to
 * the school, changed by an upload, deactivated and reactivated by an admin, by whom and when. The
 * uploads that deactivated them in a roster sync are the importing module's to add.
 */
@Service
public class PersonHistory {

    private static final Set<String> EVENTS_AT_A_SCHOOL = Set.of("USER_DEACTIVATED", "USER_REACTIVATED",
        "PERSONAL_DATA_EXPORTED");

    /** One line of the history: when, what, who did it (an email, or null), and the upload it came from. */
    public record Entry(OffsetDateTime at, String what, String by, String importId) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    PersonHistory(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    private record Facts(String email, OffsetDateTime accountCreatedAt, String createdByImport, String homeSchoolId,
            OffsetDateTime accountUpdatedAt, String accountUpdatedByImport, OffsetDateTime memberSince,
            OffsetDateTime membershipUpdatedAt, String membershipUpdatedByImport) {
    }

    /**
     * The person's history at the school, oldest first.
     *
     * @throws RollcallException NOT_FOUND when the email is not a member of the school
     */
    public List<Entry> at(String schoolId, String email) {
        var facts = jdbc.sql("""
                select a.email, a.created_at as account_created_at, a.created_by_import, a.home_school_id,
                    a.updated_at as account_updated_at, a.updated_by_import as account_updated_by_import,
                    m.created_at as member_since, m.updated_at as membership_updated_at,
                    m.updated_by_import as membership_updated_by_import
                from account a join membership m on m.account_id = a.id and m.school_id = :school
                where a.email_key = :key""")
            .param("school", schoolId).param("key", email == null ? "" : email.trim().toLowerCase(java.util.Locale.ROOT))
            .query(Facts.class).optional()
            .orElseThrow(() -> new RollcallException(ErrorCode.NOT_FOUND,
                "No student or instructor with email " + email + " at school " + schoolId));
        boolean home = schoolId.equals(facts.homeSchoolId());
        var entries = new ArrayList<Entry>();
        entries.add(home ? new Entry(facts.accountCreatedAt(), "Account created by an upload", null, facts.createdByImport())
            : new Entry(facts.accountCreatedAt(), "Account created by another school", null, null));
        if (facts.memberSince().isAfter(facts.accountCreatedAt().plusSeconds(1))) {
            entries.add(new Entry(facts.memberSince(), "Added to this school", null, null));
        }
        if (home && facts.accountUpdatedByImport() != null) {
            entries.add(new Entry(facts.accountUpdatedAt(), "Name last changed by an upload", null,
                facts.accountUpdatedByImport()));
        }
        if (facts.membershipUpdatedAt() != null && facts.membershipUpdatedByImport() != null) {
            entries.add(new Entry(facts.membershipUpdatedAt(), "Role, issuedID or status last changed by an upload",
                null, facts.membershipUpdatedByImport()));
        }
        for (var event : audit.about(facts.email())) {
            if (EVENTS_AT_A_SCHOOL.contains(event.event()) && ("school " + schoolId).equals(event.details())) {
                entries.add(new Entry(event.occurredAt(), describe(event.event()), event.actorEmail(), null));
            }
            if (home && event.event().equals("PASSWORD_SET")) {
                entries.add(new Entry(event.occurredAt(), "Password set", null, null));
            }
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private static String describe(String event) {
        return switch (event) {
            case "USER_DEACTIVATED" -> "Deactivated";
            case "USER_REACTIVATED" -> "Reactivated";
            default -> "Personal data exported";
        };
    }
}
