package io.rollcall.importing.apply;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.rollcall.importing.stage.Stager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Writes a staged import with a handful of set-based statements, inside the caller's transaction:
 * the checks that need the whole file or the database (duplicates, protected accounts, taken
 * issuedIDs), then accounts, memberships and welcome emails. A dry run does all of it and rolls
 * the writes back, so it reports exactly what a real run would do.
 */
@Component
public class Applier {

    static final String PROTECTED = "Account has admin permissions and cannot be changed by upload";
    static final String ISSUED_ID_TAKEN = "issuedID already belongs to another user at this school";
    static final String OTHER_SCHOOL = "Account also belongs to another school; its name and password were left unchanged";

    private final JdbcClient jdbc;
    private final DuplicateFinder duplicates;
    private final Stager stager;
    private final Clock clock;

    Applier(JdbcClient jdbc, DuplicateFinder duplicates, Stager stager, Clock clock) {
        this.jdbc = jdbc;
        this.duplicates = duplicates;
        this.stager = stager;
        this.clock = clock;
    }

    /** Applies the import; must run inside a transaction, whose status is given for the dry-run savepoint. */
    public Counts apply(ApplyRequest request, TransactionStatus transaction) {
        var id = request.importId();
        lockSchools(id);
        stager.insertErrors(id, duplicates.duplicateEmails(id), 10);
        stager.insertErrors(id, duplicates.duplicateIssuedIds(id), 11);
        rejectProtectedAccounts(id);
        rejectTakenIssuedIds(id);
        markFailedRows(id);
        if (!request.uploaderIsOperator()) {
            warnAccountsInOtherSchools(id, request.uploaderId());
        }
        recordSchools(id, request);

        var savepoint = request.dryRun() ? transaction.createSavepoint() : null;
        var now = OffsetDateTime.now(clock);
        insertNewAccounts(request, now);
        if (!request.uploaderIsOperator()) {
            // Again: a concurrent import of another school may have just created some of these accounts.
            warnAccountsInOtherSchools(id, request.uploaderId());
        }
        classify(request);
        updateAccounts(request, now);
        writeMemberships(id);
        int emails = request.sendWelcomeEmails() && !request.dryRun() ? queueWelcomeEmails(id, now) : 0;
        var counts = count(id, emails);
        if (savepoint != null) {
            transaction.rollbackToSavepoint(savepoint);
            transaction.releaseSavepoint(savepoint);
        }
        return counts;
    }

    // Imports into one school take turns, so that issuedIDs and counts stay exact under concurrency.
    private void lockSchools(String id) {
        jdbc.sql("""
                select school_id from school where school_id in
                    (select school_id from import_row where import_id = :id and school_id is not null)
                order by school_id for update""")
            .param("id", id).query(String.class).list();
    }

    private void rejectProtectedAccounts(String id) {
        jdbc.sql("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                select :id, r.row_no, 12, r.email, 'email', 'PROTECTED_ACCOUNT', :message
                from import_row r join account a on a.email_key = r.email_key
                where r.import_id = :id and (
                    exists (select 1 from operator o where o.account_id = a.id)
                    or exists (select 1 from school_admin sa where sa.account_id = a.id))""")
            .param("id", id).param("message", PROTECTED).update();
    }

    private void rejectTakenIssuedIds(String id) {
        jdbc.sql("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                select :id, r.row_no, 13, r.email, 'issuedID', 'ISSUED_ID_TAKEN', :message
                from import_row r
                join membership m on m.school_id = r.school_id and m.issued_id = r.issued_id
                join account a on a.id = m.account_id
                where r.import_id = :id and r.email_key is not null and a.email_key <> r.email_key""")
            .param("id", id).param("message", ISSUED_ID_TAKEN).update();
    }

    private void markFailedRows(String id) {
        jdbc.sql("""
                update import_row set failed = true
                where import_id = :id and failed = false and row_no in
                    (select row_no from import_error where import_id = :id)""")
            .param("id", id).update();
    }

    private void warnAccountsInOtherSchools(String id, long uploader) {
        jdbc.sql("""
                update import_row set other_school = true
                where import_id = :id and failed = false and other_school = false and email_key in (
                    select a.email_key from account a join membership m on m.account_id = a.id
                    where not exists (select 1 from school_admin sa
                        where sa.account_id = :uploader and sa.school_id = m.school_id))""")
            .param("id", id).param("uploader", uploader).update();
        jdbc.sql("""
                insert into import_warning (import_id, row_no, code, message)
                select :id, r.row_no, 'ACCOUNT_IN_OTHER_SCHOOL', :message
                from import_row r where r.import_id = :id and r.other_school = true and not exists
                    (select 1 from import_warning w where w.import_id = :id and w.row_no = r.row_no
                        and w.code = 'ACCOUNT_IN_OTHER_SCHOOL')""")
            .param("id", id).param("message", OTHER_SCHOOL).update();
    }

    // Lets the admins of these schools see the import, not only its uploader.
    private void recordSchools(String id, ApplyRequest request) {
        jdbc.sql("""
                insert into import_school (import_id, school_id)
                select distinct :id, school_id from import_row
                where import_id = :id and school_id is not null""")
            .param("id", id).update();
    }

    // In email order, so that concurrent imports wait on each other's rows instead of deadlocking;
    // an address another import just created is skipped and then counts as existing.
    private void insertNewAccounts(ApplyRequest request, OffsetDateTime now) {
        jdbc.sql("""
                insert into account (email, email_key, first_name, last_name, password_hash, must_change_password,
                    created_by_import, created_at, updated_at)
                select r.email, r.email_key, r.first_name, r.last_name, :hash, :mustChange, :id, :now, :now
                from import_row r
                where r.import_id = :id and r.failed = false
                    and not exists (select 1 from account a where a.email_key = r.email_key)
                order by r.email_key
                on conflict do nothing""")
            .param("id", request.importId())
            .param("hash", request.customPasswordHash())
            .param("mustChange", request.customPasswordHash() != null)
            .param("now", now)
            .update();
    }

    // After the inserts: a row is CREATED when this import inserted its account, UNCHANGED when
    // nothing it would write differs, UPDATED otherwise.
    private void classify(ApplyRequest request) {
        jdbc.sql("""
                update import_row r set
                    account_id = (select a.id from account a where a.email_key = r.email_key),
                    outcome = case
                        when exists (select 1 from account a
                            where a.email_key = r.email_key and a.created_by_import = :id) then 'CREATED'
                        when exists (select 1 from account a join membership m on m.account_id = a.id
                                and m.school_id = r.school_id and m.role = r.role and m.issued_id = r.issued_id
                            where a.email_key = r.email_key
                                and (r.other_school = true or (a.first_name = r.first_name and a.last_name = r.last_name)))
                            and not (:hasPassword = true and r.other_school = false and exists (select 1 from school s
                                where s.school_id = r.school_id and s.custom_password_overrides_existing = true))
                            then 'UNCHANGED'
                        else 'UPDATED' end
                where r.import_id = :id and r.failed = false""")
            .param("id", request.importId())
            .param("hasPassword", request.customPasswordHash() != null)
            .update();
    }

    private void updateAccounts(ApplyRequest request, OffsetDateTime now) {
        jdbc.sql("""
                merge into account a
                using (select r.account_id, r.first_name, r.last_name,
                        case when :hasPassword = true and s.custom_password_overrides_existing = true
                            then true else false end as new_password
                    from import_row r join school s on s.school_id = r.school_id
                    where r.import_id = :id and r.outcome = 'UPDATED' and r.other_school = false) u
                on (a.id = u.account_id)
                when matched then update set
                    first_name = u.first_name,
                    last_name = u.last_name,
                    password_hash = case when u.new_password then :hash else a.password_hash end,
                    must_change_password = case when u.new_password then true else a.must_change_password end,
                    updated_at = :now""")
            .param("id", request.importId())
            .param("hasPassword", request.customPasswordHash() != null)
            .param("hash", request.customPasswordHash())
            .param("now", now)
            .update();
    }

    private void writeMemberships(String id) {
        jdbc.sql("""
                merge into membership m
                using (select account_id, school_id, role, issued_id from import_row
                    where import_id = :id and outcome in ('CREATED', 'UPDATED')) r
                on (m.account_id = r.account_id and m.school_id = r.school_id)
                when matched then update set role = r.role, issued_id = r.issued_id
                when not matched then insert (account_id, school_id, role, issued_id)
                    values (r.account_id, r.school_id, r.role, r.issued_id)""")
            .param("id", id).update();
    }

    private int queueWelcomeEmails(String id, OffsetDateTime now) {
        return jdbc.sql("""
                insert into outbox (kind, account_id, school_id, import_id, row_no, status, next_attempt_at, created_at)
                select 'WELCOME', account_id, school_id, :id, row_no, 'PENDING', :now, :now
                from import_row where import_id = :id and outcome = 'CREATED'""")
            .param("id", id).param("now", now).update();
    }

    private Counts count(String id, int emails) {
        record Outcome(String outcome, int rowCount) {
        }
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (var o : jdbc.sql("""
                select outcome, count(*) as row_count from import_row
                where import_id = :id and failed = false group by outcome""")
                .param("id", id).query(Outcome.class).list()) {
            switch (o.outcome()) {
                case "CREATED" -> created = o.rowCount();
                case "UPDATED" -> updated = o.rowCount();
                default -> unchanged = o.rowCount();
            }
        }
        int failed = jdbc.sql("select count(*) from import_row where import_id = :id and failed = true")
            .param("id", id).query(Integer.class).single();
        int errors = jdbc.sql("select count(*) from import_error where import_id = :id")
            .param("id", id).query(Integer.class).single();
        return new Counts(created, updated, unchanged, failed, errors, emails);
    }
}
