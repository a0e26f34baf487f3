package io.rollcall.importing.apply;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.rollcall.db.Dialect;
import io.rollcall.importing.stage.Stager;
import io.rollcall.mail.WelcomeEmailQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Writes a staged import with a handful of set-based statements, inside the caller's transaction:
 * the checks that need the whole file or the database (duplicates, protected accounts, taken
 * issuedIDs), then accounts, memberships, a roster sync's deactivations ({@link RosterSync}) and
 * welcome emails. (On PostgreSQL a file of new people only has its taken issuedIDs found by the
 * insert itself, and checked for only when it refuses one.) A dry run does all of it and rolls
 * the writes back, so it reports exactly what a real run would do.
 */
@Component
public class Applier {

    static final String PROTECTED = "Account has admin permissions and cannot be changed by upload";
    static final String ISSUED_ID_TAKEN = "issuedID already belongs to another user at this school";
    static final String DEACTIVATED = "Account is deactivated at this school; reactivate it first";
    static final String OTHER_SCHOOL = "Account also belongs to another school; its name and password were left unchanged";
    private static final int SCHOOLS_PER_STATEMENT = 1000;
    // The rows looked at for a taken issuedID before the insert is left to find any: a file whose
    // issuedIDs are mostly taken (a school's new email domain, say) shows it in its first rows.
    public static final int ISSUED_IDS_SAMPLED = 1000;
    private static final Logger log = LoggerFactory.getLogger(Applier.class);
    // The staged rows whose issuedID another person holds at the row's school.
    private static final String TAKEN_ISSUED_IDS = """
            from import_row r
            join membership m on m.school_id = r.school_id and m.issued_id = r.issued_id
            where r.import_id = :id and r.email_key is not null and m.email_key <> r.email_key""";

    private final JdbcClient jdbc;
    private final DuplicateFinder duplicates;
    private final Stager stager;
    private final Clock clock;
    private final Dialect dialect;
    private final WelcomeEmailQueue welcomeEmails;
    private final RosterSync sync;

    Applier(JdbcClient jdbc, DuplicateFinder duplicates, Stager stager, Clock clock, Dialect dialect,
            WelcomeEmailQueue welcomeEmails, RosterSync sync) {
        this.sync = sync;
        this.welcomeEmails = welcomeEmails;
        this.jdbc = jdbc;
        this.duplicates = duplicates;
        this.stager = stager;
        this.clock = clock;
        this.dialect = dialect;
    }

    /** Applies the import; must run inside a transaction, whose status is given for the dry-run savepoint. */
    public Counts apply(ApplyRequest request, TransactionStatus transaction) {
        var id = request.importId();
        var steps = new StepTimer(id);
        if (dialect == Dialect.POSTGRESQL) {
            // Vendor-only: the sorts and hash joins over a large file's rows fit in memory instead of
            // spilling to disk (the default is 4 MB); for this transaction only.
            jdbc.sql("set local work_mem = '64MB'").update();
        }
        var schools = lockSchools(request);
        steps.done("lock schools");
        // Looked for only where staging could not rule them out (the usual file has none).
        if (request.repeats().emails()) {
            duplicates.duplicateEmails(id, request.personRows(), errors -> stager.insertErrors(id, errors, 10));
            steps.done("duplicate emails");
        }
        if (request.repeats().issuedIds()) {
            duplicates.duplicateIssuedIds(id, errors -> stager.insertErrors(id, errors, 11));
            steps.done("duplicate issuedIDs");
        }
        // A file of new people only (the usual large one) has no existing account for the checks
        // and writes about existing accounts to find: those are skipped.
        boolean someExist = anyAccountExists(id);
        steps.done("existing accounts");
        if (someExist) {
            rejectProtectedAccounts(id);
            steps.done("protected accounts");
            if (!request.sync()) {
                // A sync reactivates the members it lists: the file is the roster.
                rejectDeactivatedMembers(id);
                steps.done("deactivated members");
            }
        }
        if (!someExist && dialect == Dialect.POSTGRESQL && !issuedIdTakenInFirstRows(id)) {
            // New people only: the insert of their memberships checks each issuedID against the school's
            // members anyway (its unique key), so the usual file, with none taken, is not searched for
            // them first. The rare file with one taken further down pays for that insert once more.
            var beforeWrites = transaction.createSavepoint();
            try {
                var counts = write(request, transaction, steps, schools, false, true);
                transaction.releaseSavepoint(beforeWrites);
                return counts;
            } catch (IssuedIdsToCheck e) {
                transaction.rollbackToSavepoint(beforeWrites);
                transaction.releaseSavepoint(beforeWrites);
                log.info("Import {}: the insert met a key already taken (an issuedID at its school, or an address"
                    + " another import has just created); every row is checked now and the insert runs again", id);
                steps.done("insert refused");
            }
        }
        return write(request, transaction, steps, schools, someExist, false);
    }

    // The rest of the step, from the check of taken issuedIDs on. With issuedIdsProvedByInsert, only the
    // rows failed already are checked: the insert of new people writes every other row, and an issuedID
    // taken fails it (IssuedIdsToCheck).
    private Counts write(ApplyRequest request, TransactionStatus transaction, StepTimer steps,
                         java.util.List<String> schools, boolean someExist, boolean issuedIdsProvedByInsert) {
        var id = request.importId();
        if (issuedIdsProvedByInsert) {
            markFailedRows(id);
            rejectTakenIssuedIds(id, true);
            steps.done("taken issuedIDs of failed rows");
        } else {
            rejectTakenIssuedIds(id, false);
            steps.done("taken issuedIDs");
            markFailedRows(id);
            steps.done("mark failed rows");
        }
        if (someExist && !request.uploaderIsOperator()) {
            warnAccountsInOtherSchools(id, request.uploaderSchools());
            steps.done("other schools");
        }
        recordSchools(id, schools);
        recordErrorSchools(id);
        steps.done("record schools");
        var rows = countRows(id);
        steps.done("count rows");
        int deactivated = request.sync() ? sync.plan(request) : sync.planRemovals(request);
        steps.done("plan deactivations");

        var savepoint = request.dryRun() ? transaction.createSavepoint() : null;
        var now = OffsetDateTime.now(clock);
        // A bundle whose people each have one row (the usual) is written as a CSV file is.
        if (request.personRows() == PersonRows.ONE_PER_SCHOOL
                && (!request.repeats().emails() || !anyPersonOnSeveralRows(id))) {
            request = request.withPersonRows(PersonRows.ONE);
        }
        boolean membershipsWritten = !someExist && dialect == Dialect.POSTGRESQL;
        // Counted before any account is created, so that a file whose every row is unchanged (the same
        // file again) creates none and does not look for any to create. A row whose account this
        // import creates has no membership yet, so it is not unchanged, whichever comes first.
        int unchanged = 0;
        if (someExist) {
            unchanged = countUnchanged(request);
            steps.done("count unchanged");
        }
        // Every written row unchanged: no account to create or update, no membership to write, as an
        // unchanged row's account and membership already hold what it would write.
        boolean allUnchanged = unchanged == rows.written();
        int created = 0;
        if (membershipsWritten) {
            created = insertNewPeople(request, now, issuedIdsProvedByInsert);
            steps.done("insert accounts and memberships");
        } else if (!allUnchanged) {
            created = insertNewAccounts(request, now, someExist);
            if (created > 0 && request.personRows() == PersonRows.ONE_PER_SCHOOL) {
                // Counted by rows, as every other count: a new teacher at two schools is two rows created.
                created = rowsOfCreatedAccounts(id);
            }
            steps.done("insert accounts");
        }
        // Some written rows are of accounts that existed, and not all of them are unchanged: those
        // accounts may need a new name or password, and their memberships a write. (When every
        // written row's account is new, none has a name to update, and no concurrent import of
        // another school created one meanwhile.)
        boolean existingWritten = created < rows.written() && !allUnchanged;
        if (existingWritten) {
            if (!request.uploaderIsOperator()) {
                // Again: a concurrent import of another school may have just created some of these
                // accounts (their home is that school). Such an account has no membership at the schools
                // this import locked, so the unchanged count stands. (An account another school's admin
                // re-homed meanwhile, by removing its last member there, may turn a row counted unchanged
                // into one of another school: it is then counted updated, with nothing written.)
                warnAccountsInOtherSchools(id, request.uploaderSchools());
                steps.done("other schools again");
            }
            int changed = updateAccounts(request, now);
            steps.done("update accounts");
            if (changed > 0) {
                renameMemberships(request);
                steps.done("rename memberships");
            }
        }
        if (!membershipsWritten && !allUnchanged) {
            if (existingWritten) {
                lockAccountsJoiningSchools(id);
                steps.done("lock accounts joining schools");
                writeMemberships(id, now);
            } else {
                insertMemberships(id, now);
            }
            steps.done("memberships");
        }
        if (deactivated > 0) {
            sync.deactivate(request, now);
            steps.done("deactivate");
        }
        // Only where something of an existing account was written: an unchanged file writes nothing.
        if (existingWritten) {
            rejectAccountsChangedMeanwhile(id);
            steps.done("accounts changed meanwhile");
        }
        int emails = request.sendWelcomeEmails() && !request.dryRun() ? welcomeEmails.queueForImport(id, now) : 0;
        steps.done("welcome emails");
        int errors = jdbc.sql("select count(*) from import_error where import_id = :id")
            .param("id", id).query(Integer.class).single();
        // Every row that did not fail was created, left unchanged or updated.
        var counts = new Counts(created, rows.written() - created - unchanged, unchanged, rows.failed(), errors, emails,
            deactivated);
        steps.done("count");
        if (savepoint != null) {
            transaction.rollbackToSavepoint(savepoint);
            transaction.releaseSavepoint(savepoint);
        }
        return counts;
    }

    // Imports into one school take turns, so that issuedIDs and counts stay exact under concurrency. The
    // lock leaves the schools' keys alone where it can: an admin grant or another import that only
    // refers to the school (its foreign keys) does not wait for this one.
    // The staged rows' schools are those staging noted: a million rows are not read again for them.
    // One statement, so that every import takes its schools in the database's order (past the most
    // schools one statement names, the rows are read for them, as before).
    private java.util.List<String> lockSchools(ApplyRequest request) {
        var staged = request.stagedSchools();
        if (staged.size() > SCHOOLS_PER_STATEMENT) {
            return jdbc.sql("""
                    select school_id from school where school_id in
                        (select school_id from import_row where import_id = :id and school_id is not null
                            union select school_id from import_removal where import_id = :id)
                    order by school_id""" + " " + dialect.lockForWriting())
                .param("id", request.importId()).query(String.class).list();
        }
        return jdbc.sql("""
                select school_id from school where school_id in (:schools)
                    or school_id in (select school_id from import_removal where import_id = :id)
                order by school_id""" + " " + dialect.lockForWriting())
            .param("id", request.importId())
            // "in ()" is not SQL: no school matches none.
            .param("schools", staged.isEmpty() ? java.util.List.of("") : java.util.List.copyOf(staged))
            .query(String.class).list();
    }

    private void rejectProtectedAccounts(String id) {
        jdbc.sql("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                select :id, r.row_no, 12, r.email, 'email', 'PROTECTED_ACCOUNT', :message
                from import_row r join account a on a.email_key = r.email_key
                where r.import_id = :id and a.ever_admin = true""")
            .param("id", id).param("message", PROTECTED).update();
    }

    // A member deactivated at the row's school comes back only where the school lets uploads reactivate.
    private void rejectDeactivatedMembers(String id) {
        jdbc.sql("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                select :id, r.row_no, 14, r.email, 'email', 'ACCOUNT_DEACTIVATED', :message
                from import_row r
                join membership m on m.school_id = r.school_id and m.email_key = r.email_key
                join school s on s.school_id = r.school_id
                where r.import_id = :id and m.status = 'DEACTIVATED' and s.uploads_reactivate = false""")
            .param("id", id).param("message", DEACTIVATED).update();
    }

    // After the writes, one read of the written rows' accounts for what may have changed meanwhile;
    // either way the whole step runs again.
    // - An admin grant that committed after this import checked for protected accounts: the row then
    //   fails as PROTECTED_ACCOUNT and nothing of it stays written. (A grant that comes later waits for
    //   the account rows written here, and then resets them itself.)
    // - An account an operator erased after this import found it. Erased before
    //   lockAccountsJoiningSchools (which then waited for the erasure to commit), the account was not
    //   there for the write, and nothing was written for the row. Erased after that lock, it is an
    //   account that already had a membership here, so it was not locked: the write waited for the
    //   erasure's delete of that membership and then inserted one of no one. The run again creates the
    //   person anew, as the file says. An erasure still running now waits for what was written here
    //   (the rows it must delete are locked by this transaction) and then deletes it.
    private void rejectAccountsChangedMeanwhile(String id) {
        record Changed(int granted, int erased) {
        }
        var changed = jdbc.sql("""
                select count(case when a.ever_admin = true then 1 end) as granted,
                    count(case when a.id is null then 1 end) as erased
                from import_row r left join account a on a.email_key = r.email_key
                where r.import_id = :id and r.failed = false""")
            .param("id", id).query(Changed.class).single();
        if (changed.granted() > 0) {
            throw new ConcurrencyFailureException("An account of this import was granted admin permission meanwhile");
        }
        if (changed.erased() > 0) {
            throw new ConcurrencyFailureException("An account of this import was erased meanwhile");
        }
    }

    private void rejectTakenIssuedIds(String id, boolean failedRowsOnly) {
        jdbc.sql("""
                insert into import_error (import_id, row_no, seq, email, field, code, message)
                select :id, r.row_no, 13, r.email, 'issuedID', 'ISSUED_ID_TAKEN', :message
                """ + TAKEN_ISSUED_IDS + (failedRowsOnly ? " and r.failed = true" : ""))
            .param("id", id).param("message", ISSUED_ID_TAKEN).update();
    }

    private boolean issuedIdTakenInFirstRows(String id) {
        return jdbc.sql("select count(*) from (select 1 " + TAKEN_ISSUED_IDS
                + " and r.row_no <= :last fetch first 1 rows only) x")
            // Data rows are numbered from 2 (the header is row 1).
            .param("id", id).param("last", ISSUED_IDS_SAMPLED + 1)
            .query(Integer.class).single() > 0;
    }

    private void markFailedRows(String id) {
        jdbc.sql("""
                update import_row set failed = true
                where import_id = :id and failed = false and row_no in
                    (select row_no from import_error where import_id = :id)""")
            .param("id", id).update();
    }

    // The account's home is a school the uploader does not administer: that school keeps control of its
    // name and password; this upload only adds or updates the membership at its own school.
    private void warnAccountsInOtherSchools(String id, java.util.Set<String> uploaderSchools) {
        jdbc.sql("""
                update import_row r set other_school = true
                where r.import_id = :id and r.failed = false and r.other_school = false and exists (
                    select 1 from account a
                    where a.email_key = r.email_key and a.home_school_id is not null
                        and a.home_school_id not in (:schools))""")
            // "in ()" is not SQL: no school matches none.
            .param("id", id).param("schools", uploaderSchools.isEmpty() ? java.util.List.of("") : java.util.List.copyOf(uploaderSchools))
            .update();
        jdbc.sql("""
                insert into import_warning (import_id, row_no, school_id, code, message)
                select :id, r.row_no, r.school_id, 'ACCOUNT_IN_OTHER_SCHOOL', :message
                from import_row r where r.import_id = :id and r.other_school = true and not exists
                    (select 1 from import_warning w where w.import_id = :id and w.row_no = r.row_no
                        and w.code = 'ACCOUNT_IN_OTHER_SCHOOL')""")
            .param("id", id).param("message", OTHER_SCHOOL).update();
    }

    // From now on the import belongs to the schools its rows name (and the uploader may import into),
    // instead of every school of its uploader: their admins see it, each their own school's rows. A
    // file that names none stays with the uploader's schools. The schools are those just locked: a
    // staged schoolID is one the uploader may import into, so an existing school.
    private void recordSchools(String id, java.util.List<String> named) {
        if (named.isEmpty()) {
            return;
        }
        jdbc.sql("delete from import_school where import_id = :id").param("id", id).update();
        for (int from = 0; from < named.size(); from += SCHOOLS_PER_STATEMENT) {
            jdbc.sql("""
                    insert into import_school (import_id, school_id)
                    select :id, school_id from school where school_id in (:schools)""")
                .param("id", id)
                .param("schools", named.subList(from, Math.min(named.size(), from + SCHOOLS_PER_STATEMENT)))
                .update();
        }
    }

    // Each error is shown to the admins of its row's school (and to the uploader when it has none).
    private void recordErrorSchools(String id) {
        jdbc.sql("""
                update import_error e set school_id = (select r.school_id from import_row r
                    where r.import_id = :id and r.row_no = e.row_no)
                where e.import_id = :id and e.school_id is null""")
            .param("id", id).update();
    }

    // Before the updates: a row is UNCHANGED when its account and its membership already hold what
    // the row would write (a name left alone for an account of another school is no change). An
    // account this import just created has no membership yet, so its row never counts. The membership
    // holds its account's email key and names (V22): no account is read.
    // With a custom password, a row of the school's own account is changed where the school lets the
    // password override existing ones; without one, the school's policy is not read.
    private int countUnchanged(ApplyRequest request) {
        boolean hasPassword = request.customPasswordHash() != null;
        return jdbc.sql("""
                select count(*) from import_row r
                join membership m on m.school_id = r.school_id and m.email_key = r.email_key
                    and m.role = r.role and m.issued_id = r.issued_id and m.status = 'ACTIVE'
                where r.import_id = :id and r.failed = false
                    and (r.other_school = true or (m.first_name = r.first_name and m.last_name = r.last_name))"""
                + (hasPassword ? " " + """
                    and not (r.other_school = false and exists (select 1 from school s
                        where s.school_id = r.school_id and s.custom_password_overrides_existing = true))""" : ""))
            .param("id", request.importId())
            .query(Integer.class).single();
    }

    // In email order, so that concurrent imports wait on each other's rows instead of deadlocking. An
    // address another import created meanwhile fails the insert; the whole apply step then runs
    // again and finds the account existing (cheaper than ON CONFLICT, which checks every row twice).
    // (Of new people only, the insert is tried once more first: see IssuedIdsToCheck.)
    // When none of the file's addresses had an account a moment ago, none is looked for again: one
    // created meanwhile fails the insert in the same way.
    private int insertNewAccounts(ApplyRequest request, OffsetDateTime now, boolean someExist) {
        return insertNew(newAccounts(request, someExist), request, now, false);
    }

    // None of the file's people had an account a moment ago: each gets one (from their first row) and a
    // membership for each of their rows, in one statement that joins the new accounts as it returns
    // them instead of looking each up among all accounts. Vendor-only (a data-modifying WITH). Counted
    // by rows, as every other count: a new teacher at two schools is two rows created. An address
    // another import created meanwhile fails the insert, as in insertNewAccounts.
    private int insertNewPeople(ApplyRequest request, OffsetDateTime now, boolean issuedIdsProvedByInsert) {
        return insertNew("with created as (" + newAccounts(request, false) + """
                 returning id, email_key, first_name, last_name)
                insert into membership (account_id, school_id, role, issued_id, created_at, updated_by_import,
                    email_key, first_name, last_name)
                select c.id, r.school_id, r.role, r.issued_id, :now, :id, c.email_key, c.first_name, c.last_name
                from created c join import_row r on r.email_key = c.email_key
                where r.import_id = :id and r.failed = false
                order by c.id, r.school_id""", request, now, issuedIdsProvedByInsert);
    }

    // The insert of the rows' accounts, each from its person's first row, in email order.
    private static String newAccounts(ApplyRequest request, boolean someExist) {
        return """
                insert into account (email, email_key, first_name, last_name, password_hash, must_change_password,
                    home_school_id, created_by_import, created_at, updated_at)
                select r.email, r.email_key, r.first_name, r.last_name, :hash, :mustChange, r.school_id, :id, :now,
                    :now
                from import_row r
                where r.import_id = :id and r.failed = false"""
            + (someExist ? " and not exists (select 1 from account a where a.email_key = r.email_key)" : "")
            + firstRowOfEachPerson(request) + " order by r.email_key";
    }

    private int insertNew(String sql, ApplyRequest request, OffsetDateTime now, boolean issuedIdsProvedByInsert) {
        try {
            return jdbc.sql(sql)
                .param("id", request.importId())
                .param("hash", request.customPasswordHash())
                .param("mustChange", request.customPasswordHash() != null)
                .param("now", now)
                .update();
        } catch (DuplicateKeyException e) {
            if (issuedIdsProvedByInsert) {
                // A taken issuedID, or an account another import created meanwhile: the full check finds
                // the first, and the insert after it fails again on the second (ConcurrencyFailureException).
                throw new IssuedIdsToCheck(e);
            }
            throw new ConcurrencyFailureException("Another import created one of these accounts meanwhile", e);
        }
    }

    /** The insert of new people met a key it did not expect: the step runs again from the issuedIDs' check. */
    private static final class IssuedIdsToCheck extends RuntimeException {
        IssuedIdsToCheck(DuplicateKeyException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    // Only accounts this import did not create and whose name or password the row changes; the
    // account of another school keeps its name.
    // Returns how many accounts it changed: none renamed, no membership to rename.
    private int updateAccounts(ApplyRequest request, OffsetDateTime now) {
        return jdbc.sql("""
                merge into account a
                using (select x.id as account_id, r.first_name, r.last_name,
                        case when :hasPassword = true and s.custom_password_overrides_existing = true
                            then true else false end as new_password
                    from import_row r
                    join account x on x.email_key = r.email_key
                    join school s on s.school_id = r.school_id
                    where r.import_id = :id and r.failed = false and r.other_school = false
                        and (x.created_by_import is null or x.created_by_import <> :id)
                        and (x.first_name <> r.first_name or x.last_name <> r.last_name
                            or (:hasPassword = true and s.custom_password_overrides_existing = true))"""
                    + firstRowOfEachPerson(request) + """
                    ) u
                on (a.id = u.account_id)
                when matched then update set
                    first_name = u.first_name,
                    last_name = u.last_name,
                    password_hash = case when u.new_password then :hash else a.password_hash end,
                    must_change_password = case when u.new_password then true else a.must_change_password end,
                    credentials_version = case when u.new_password then a.credentials_version + 1
                        else a.credentials_version end,
                    updated_at = :now,
                    updated_by_import = :id""")
            .param("id", request.importId())
            .param("hasPassword", request.customPasswordHash() != null)
            .param("hash", request.customPasswordHash())
            .param("now", now)
            .update();
    }

    // A membership holds its account's names as the users page's sort key: an account renamed above
    // is renamed at every school it belongs to, also those the uploader does not administer.
    private void renameMemberships(ApplyRequest request) {
        jdbc.sql("""
                merge into membership m
                using (select a.id as account_id, a.first_name, a.last_name
                    from import_row r join account a on a.email_key = r.email_key
                    where r.import_id = :id and r.failed = false and r.other_school = false
                        and a.updated_by_import = :id""" + firstRowOfEachPerson(request) + """
                    ) u
                on (m.account_id = u.account_id)
                when matched and (m.first_name <> u.first_name or m.last_name <> u.last_name) then update set
                    first_name = u.first_name,
                    last_name = u.last_name""")
            .param("id", request.importId())
            .update();
    }

    // An account of before this import that it adds to a school gets a membership holding a copy of its
    // names. Another school's import may be renaming it right now, uncommitted: the copy would be of the
    // old names, and that import's rename of the account's memberships would not see this one. A shared
    // lock on such accounts waits for the renaming import to commit (the copy is then read after it),
    // or makes it wait for this one (its rename then sees this membership). Imports of the same school
    // take turns already; an account this import created is no one else's yet.
    // The lock is also what keeps an erasure from leaving a membership of no one (on PostgreSQL there is
    // no foreign key to the account, V22_5): an erasure locks the account for update first, so it waits
    // for this import to commit and then deletes the membership written here, or this lock waits for
    // the erasure, and rejectAccountsChangedMeanwhile finds the account gone after the write.
    private void lockAccountsJoiningSchools(String id) {
        // Counted where they are locked: the database sends one number, not an id per account.
        jdbc.sql("""
                select count(*) from (select a.id from account a where a.id in (
                    select x.id from import_row r join account x on x.email_key = r.email_key
                    where r.import_id = :id and r.failed = false
                        and (x.created_by_import is null or x.created_by_import <> :id)
                        and not exists (select 1 from membership m
                            where m.account_id = x.id and m.school_id = r.school_id))
                order by a.id""" + " " + dialect.lockForReading() + ") locked")
            .param("id", id).query(Long.class).single();
    }

    // Every written row: an unchanged row's membership already matches and is left alone; a deactivated
    // one (where the school lets uploads reactivate) is active again.
    private void writeMemberships(String id, OffsetDateTime now) {
        jdbc.sql("""
                merge into membership m
                using (select a.id as account_id, r.school_id, r.role, r.issued_id, a.email_key, a.first_name,
                        a.last_name
                    from import_row r
                    join account a on a.email_key = r.email_key
                    where r.import_id = :id and r.failed = false) r
                on (m.account_id = r.account_id and m.school_id = r.school_id)
                when matched and (m.role <> r.role or m.issued_id <> r.issued_id or m.status <> 'ACTIVE') then
                    update set role = r.role, issued_id = r.issued_id, status = 'ACTIVE',
                        status_changed_at = case when m.status <> 'ACTIVE' then :now else m.status_changed_at end,
                        updated_at = :now, updated_by_import = :id
                when not matched then insert (account_id, school_id, role, issued_id, created_at, updated_by_import,
                        email_key, first_name, last_name)
                    values (r.account_id, r.school_id, r.role, r.issued_id, :now, :id, r.email_key, r.first_name,
                        r.last_name)""")
            .param("id", id).param("now", now).update();
    }

    // Every written row's account was created by this import, in this transaction: none has a
    // membership yet, so each is inserted without looking for one.
    private void insertMemberships(String id, OffsetDateTime now) {
        jdbc.sql("""
                insert into membership (account_id, school_id, role, issued_id, created_at, updated_by_import,
                    email_key, first_name, last_name)
                select a.id, r.school_id, r.role, r.issued_id, :now, :id, a.email_key, a.first_name, a.last_name
                from import_row r
                join account a on a.email_key = r.email_key
                where r.import_id = :id and r.failed = false""")
            .param("id", id).param("now", now).update();
    }

    // A person with a row at several schools: their account is made and named from their first row.
    private static String firstRowOfEachPerson(ApplyRequest request) {
        return request.personRows() == PersonRows.ONE ? "" : """

                        and r.row_no in (select min(f.row_no) from import_row f
                            where f.import_id = :id and f.failed = false group by f.email_key)""";
    }

    private boolean anyPersonOnSeveralRows(String id) {
        return jdbc.sql("""
                select count(*) from (select email_key from import_row where import_id = :id and failed = false
                    group by email_key having count(*) > 1 fetch first 1 rows only) x""")
            .param("id", id).query(Integer.class).single() > 0;
    }

    private int rowsOfCreatedAccounts(String id) {
        return jdbc.sql("""
                select count(*) from import_row r join account a on a.email_key = r.email_key
                where r.import_id = :id and r.failed = false and a.created_by_import = :id""")
            .param("id", id).query(Integer.class).single();
    }

    private record Rows(int written, int failed) {
    }

    private Rows countRows(String id) {
        return jdbc.sql("""
                select count(case when failed = false then 1 end) as written,
                    count(case when failed = true then 1 end) as failed
                from import_row where import_id = :id""")
            .param("id", id).query(Rows.class).single();
    }

    private boolean anyAccountExists(String id) {
        return jdbc.sql("""
                select count(*) from (select 1 from import_row r join account a on a.email_key = r.email_key
                    where r.import_id = :id fetch first 1 rows only) x""")
            .param("id", id).query(Integer.class).single() > 0;
    }
}
