package io.rollcall.importing.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.rollcall.account.Account;
import io.rollcall.importing.validate.CheckedRow;
import io.rollcall.importing.validate.RowError;

/**
 * One import's rows on their way into the staging table, with their errors beside them, noting
 * whether keys may repeat ({@link #repeats()}) and which schools the rows name ({@link #schools()}).
 * Memory stays bounded whatever the file's size (about 16 bytes a row for the keys, up to 32 MB; the
 * schools are among those the uploader may import into). Close it; rows not {@link #finish() finished} are
 * discarded (errors already written stay until {@link Stager#clear}). Once another worker has taken
 * the import over, nothing more is written. Not thread-safe.
 */
public final class Staging implements AutoCloseable {

    private static final int ERROR_BATCH = 1000;

    private final Stager stager;
    private final String importId;
    private final String worker;
    private final RowWriter rows;
    private final List<RowError> errors = new ArrayList<>();
    private final RepeatedKeys keys = new RepeatedKeys();
    private final Set<String> schools = new TreeSet<>();

    Staging(Stager stager, String importId, String worker, RowWriter rows) {
        this.stager = stager;
        this.importId = importId;
        this.worker = worker;
        this.rows = rows;
    }

    public void add(CheckedRow row) {
        var emailKey = row.email() == null ? null : Account.emailKey(row.email());
        rows.write(StagedColumns.values(importId, row, emailKey));
        keys.add(emailKey, row.schoolId(), row.issuedId());
        if (row.schoolId() != null) {
            schools.add(row.schoolId());
        }
        errors.addAll(row.errors());
        if (errors.size() >= ERROR_BATCH) {
            flushErrors();
        }
    }

    /**
     * Writes what is still buffered; afterwards every added row is staged. False, with the rows of
     * this run discarded, when another worker has taken the import over.
     */
    public boolean finish() {
        flushErrors();
        return rows.finish();
    }

    /** Whether the rows added so far may share an email or, at one school, an issuedID. */
    public Repeats repeats() {
        return new Repeats(keys.emailsMayRepeat(), keys.issuedIdsMayRepeat());
    }

    /**
     * The schoolIDs of the rows added so far, each once: only values that passed their check, so
     * schools the uploader may import into.
     */
    public Set<String> schools() {
        return Set.copyOf(schools);
    }

    // A worker that lost the import finds out at its next progress report; until then it writes nothing.
    private void flushErrors() {
        if (!errors.isEmpty()) {
            stager.insertErrorsAsOwner(importId, worker, errors);
        }
        errors.clear();
    }

    @Override
    public void close() {
        rows.close();
    }
}
