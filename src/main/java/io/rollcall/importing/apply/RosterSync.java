package io.rollcall.importing.apply;

import java.time.OffsetDateTime;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.mail.WelcomeEmailQueue;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The roster-sync part of the apply step: at every school the file names, the active members it
 * does not list are deactivated, in two set-based statements. Admin accounts are never
 * deactivated. A person the file lists with a row that failed another check is listed all the same
 * (a typo in their isTeacher cell does not switch them off); a row whose email is invalid names nobody.
 * A OneRoster bundle's {@code tobedeleted} rows ({@code import_removal}) name the members to
 * deactivate in any import, and name their school for a sync.
 */
@Component
class RosterSync {

    private static final int IDS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;
    private final WelcomeEmailQueue welcomeEmails;

    RosterSync(JdbcClient jdbc, WelcomeEmailQueue welcomeEmails) {
        this.jdbc = jdbc;
        this.welcomeEmails = welcomeEmails;
    }

    /**
     * Records who the sync deactivates (kept by a dry run too, as its report), and refuses the whole
     * file when that is more of a school than the safety limit allows and the upload did not confirm
     * (a dry run warns instead).
     *
     * @return how many memberships it deactivates
     * @throws FileRejected SYNC_LIMIT_EXCEEDED
     */
    int plan(ApplyRequest request) {
        // NOT IN, not NOT EXISTS: PostgreSQL hashes the file's keys once, whatever its statistics of the
        // rows just staged say (a correlated anti-join planned on stale statistics rescans them per member).
        int planned = jdbc.sql("""
                insert into import_deactivation (import_id, account_id, school_id, email, first_name, last_name)
                select :id, m.account_id, m.school_id, a.email, a.first_name, a.last_name
                from membership m join account a on a.id = m.account_id
                where m.status = 'ACTIVE' and a.ever_admin = false
                    and m.school_id in (select distinct school_id from import_row
                        where import_id = :id and school_id is not null
                        union select school_id from import_removal where import_id = :id)
                    and (m.school_id, a.email_key) not in (select r.school_id, r.email_key from import_row r
                        where r.import_id = :id and r.school_id is not null and r.email_key is not null)""")
            .param("id", request.importId()).update();
        if (planned > 0 && !request.confirmLargeSync()) {
            var refusal = aboveLimit(request);
            if (refusal != null && !request.dryRun()) {
                throw refusal;
            }
            if (refusal != null) {
                // A dry run lists who would go all the same, and says that the real upload would stop.
                jdbc.sql("""
                        insert into import_warning (import_id, row_no, school_id, code, message)
                        values (:id, 1, null, 'SYNC_LIMIT_EXCEEDED', :message)""")
                    .param("id", request.importId())
                    .param("message", "Uploaded for real, this file would stop: " + refusal.getMessage()).update();
            }
        }
        return planned;
    }

    /**
     * Records the memberships a OneRoster bundle's {@code tobedeleted} rows name (active, not an
     * admin's), for an import that is not a sync: they are deactivated as a sync's would be.
     *
     * @return how many memberships it deactivates
     */
    int planRemovals(ApplyRequest request) {
        return jdbc.sql("""
                insert into import_deactivation (import_id, account_id, school_id, email, first_name, last_name)
                select distinct :id, m.account_id, m.school_id, a.email, a.first_name, a.last_name
                from import_removal x
                join account a on a.email_key = x.email_key
                join membership m on m.account_id = a.id and m.school_id = x.school_id
                where x.import_id = :id and m.status = 'ACTIVE' and a.ever_admin = false""")
            .param("id", request.importId()).update();
    }

    private record Share(String schoolId, int deactivated, int active) {
    }

    private FileRejected aboveLimit(ApplyRequest request) {
        var shares = jdbc.sql("""
                select d.school_id, count(*) as deactivated,
                    (select count(*) from membership m join account a on a.id = m.account_id
                        where m.school_id = d.school_id and m.status = 'ACTIVE' and a.ever_admin = false) as active
                from import_deactivation d where d.import_id = :id
                group by d.school_id order by d.school_id""")
            .param("id", request.importId()).query(Share.class).list();
        var over = shares.stream()
            .filter(share -> share.deactivated() * 100L > (long) share.active() * request.maxDeactivatePercent())
            .toList();
        if (over.isEmpty()) {
            return null;
        }
        var first = over.get(0);
        return new FileRejected(ErrorCode.SYNC_LIMIT_EXCEEDED, "This full-roster upload would deactivate "
                + first.deactivated() + " of the " + first.active() + " active members of school " + first.schoolId()
                + " (" + Math.round(first.deactivated() * 100.0 / first.active()) + "%), more than the "
                + request.maxDeactivatePercent() + "% a sync may without confirmation"
                + (over.size() > 1 ? ", and too many at " + (over.size() - 1) + " more school(s)" : "")
                + ". Nothing was changed. Check that the file is the whole roster (not cut short or filtered), then"
                + " upload it again with the large deactivation confirmed");
    }

    /** Deactivates what {@link #plan} recorded; a person left with no active membership is signed out everywhere. */
    void deactivate(ApplyRequest request, OffsetDateTime now) {
        jdbc.sql("""
                update membership set status = 'DEACTIVATED', status_changed_at = :now
                where status = 'ACTIVE' and (account_id, school_id) in
                    (select d.account_id, d.school_id from import_deactivation d where d.import_id = :id)""")
            .param("id", request.importId()).param("now", now).update();
        // Every deactivated person's sessions end, also where another membership is still active: a
        // removal at another school at the same moment cannot make both miss that none is left.
        jdbc.sql("""
                update account set credentials_version = credentials_version + 1
                where id in (select d.account_id from import_deactivation d where d.import_id = :id)""")
            .param("id", request.importId()).update();
        var inactive = jdbc.sql("""
                select distinct d.account_id from import_deactivation d where d.import_id = :id
                    and not exists (select 1 from membership m where m.account_id = d.account_id and m.status = 'ACTIVE')""")
            .param("id", request.importId()).query(Long.class).list();
        for (int from = 0; from < inactive.size(); from += IDS_PER_STATEMENT) {
            welcomeEmails.cancelPending(inactive.subList(from, Math.min(inactive.size(), from + IDS_PER_STATEMENT)));
        }
    }
}
