package io.rollcall.importing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.parse.Column;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.privacy.Person;
import io.rollcall.privacy.PersonalData;
import io.rollcall.privacy.PersonalTable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The imports' personal data: uploaded files (every row of them, until the retention purge), the
 * rows of a file while it is processed, row errors and warnings that quote a person. A person's
 * share is every kept file that names them (found by reading the files), and the errors and
 * warnings that quote their address.
 */
@Component
class ImportPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final ImportJobs jobs;
    private final ChunkStore files;
    private final ImportPurge purge;
    private final long maxRows;

    ImportPersonalData(JdbcClient jdbc, ImportJobs jobs, ChunkStore files, ImportPurge purge,
            ImportProperties properties) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.files = files;
        this.purge = purge;
        this.maxRows = properties.maxRows();
    }

    @Override
    public String section() {
        return "imports";
    }

    @Override
    public List<PersonalTable> tables() {
        return List.of(
            PersonalTable.personal("import_job", "who uploaded a file (an admin's account), its name and options"),
            PersonalTable.impersonal("import_school"),
            PersonalTable.personal("import_file_chunk", "uploaded files as uploaded: every person each row names"),
            PersonalTable.personal("import_row", "each row of a file while it is processed: email, names, issuedID"),
            PersonalTable.personal("import_removal", "a OneRoster bundle's tobedeleted rows while it is processed: email"),
            PersonalTable.personal("import_error", "row errors: the row's email as written, the message"),
            PersonalTable.personal("import_warning", "warnings: some quote an email address or names from the file"),
            PersonalTable.personal("import_deactivation", "who a roster sync deactivated: email and names"));
    }

    /** A kept upload that names the person, and its rows that do (empty when the file has no usable header). */
    record UploadNaming(String importId, String fileName, OffsetDateTime uploadedAt, List<Map<String, String>> rows) {
    }

    /** A roster sync that deactivated the person at a school. */
    record DeactivatedBy(String importId, String schoolId, OffsetDateTime createdAt) {
    }

    /** An error of an upload about the person's row. */
    record RowErrorAbout(String importId, long rowNo, String field, String code, String message) {
    }

    @Override
    public Object export(Person person) {
        var errors = jdbc.sql("""
                select import_id, row_no, field, code, message from import_error
                where lower(trim(email)) = :key order by import_id, row_no, seq""")
            .param("key", person.emailKey()).query(RowErrorAbout.class).list();
        var uploads = new ArrayList<UploadNaming>();
        for (var job : keptUploadsNaming(person)) {
            uploads.add(new UploadNaming(job.id(), job.fileName(), job.createdAt(), rowsNaming(job, person)));
        }
        var deactivations = jdbc.sql("""
                select d.import_id, d.school_id, j.created_at from import_deactivation d
                join import_job j on j.id = d.import_id where d.account_id = :id order by j.created_at""")
            .param("id", person.accountId()).query(DeactivatedBy.class).list();
        return Map.of("uploadsNamingThem", uploads, "rowErrors", errors, "deactivatedBySync", deactivations);
    }

    /**
     * @throws RollcallException IMPORT_RUNNING when an upload still queued or running names the person:
     *     its file cannot be purged yet, and erasing them now would leave their address in it
     */
    @Override
    public void erase(Person person) {
        var pending = jdbc.sql("select id from import_job where status in ('RECEIVING', 'QUEUED', 'RUNNING')")
            .query(String.class).list();
        for (var id : pending) {
            if (jobs.find(id).filter(job -> job.status() != ImportStatus.RECEIVING && names(job, person)).isPresent()) {
                throw new RollcallException(ErrorCode.IMPORT_RUNNING, "An upload that names this person is still"
                    + " being imported (import " + id + "); nothing was erased. Try again when it has finished");
            }
        }
        // A kept file that names the person goes whole: the other rows' admins keep their counts and codes.
        for (var job : keptUploadsNaming(person)) {
            purge.purge(job.id());
        }
        jdbc.sql("delete from import_deactivation where account_id = :id").param("id", person.accountId()).update();
        jdbc.sql("update import_error set email = null where lower(trim(email)) = :key")
            .param("key", person.emailKey()).update();
        // Warnings that quote the address (EMAIL_REJECTED), matched as a whole address, not a part of another.
        record Quoting(String importId, long rowNo, String code, String message) {
        }
        var quoting = jdbc.sql("select import_id, row_no, code, message from import_warning where lower(message) like :pattern")
            .param("pattern", "%" + person.emailKey().replace("%", "").replace("_", "\\_") + "%")
            .query(Quoting.class).list();
        for (var warning : quoting) {
            if (AddressSearch.contains(warning.message().toLowerCase(Locale.ROOT), person.emailKey())) {
                jdbc.sql("delete from import_warning where import_id = :id and row_no = :row and code = :code")
                    .param("id", warning.importId()).param("row", warning.rowNo()).param("code", warning.code()).update();
            }
        }
    }

    private List<ImportJob> keptUploadsNaming(Person person) {
        var named = new ArrayList<ImportJob>();
        for (var id : jdbc.sql("""
                select id from import_job where purged_at is null and status in ('COMPLETED', 'FAILED')
                order by created_at""").query(String.class).list()) {
            jobs.find(id).filter(job -> names(job, person)).ifPresent(named::add);
        }
        return named;
    }

    // Read as the import read it, lower case, for the address as a whole anywhere in the text (a cell of
    // any column): "ann@example.com" is not found in "joann@example.com".
    private boolean names(ImportJob job, Person person) {
        var needle = person.emailKey();
        try (var in = files.open(job)) {
            in.skipNBytes(job.bomLength());
            Reader reader = new InputStreamReader(in, job.format().charset());
            var buffer = new char[64 * 1024];
            var carry = "";
            int n;
            while ((n = reader.read(buffer)) > 0) {
                var text = carry + new String(buffer, 0, n).toLowerCase(Locale.ROOT);
                if (AddressSearch.contains(text, needle)) {
                    return true;
                }
                // Enough of the end to hold the address and the characters around it.
                carry = text.substring(Math.max(0, text.length() - needle.length() - 1));
            }
            return false;
        } catch (IOException | RuntimeException e) {
            // A file that cannot be read whole (cut or altered) cannot be shown not to name them: it goes.
            return true;
        }
    }

    private List<Map<String, String>> rowsNaming(ImportJob job, Person person) {
        var rows = new ArrayList<Map<String, String>>();
        try (var reader = RosterReader.open(files.open(job), job.format(), maxRows)) {
            var header = reader.header();
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                var fields = row.get().fields();
                if (header.value(fields, Column.EMAIL).strip().toLowerCase(Locale.ROOT).equals(person.emailKey())) {
                    var cells = new java.util.LinkedHashMap<String, String>();
                    cells.put("row", String.valueOf(row.get().row()));
                    for (int i = 0; i < header.cells().size() && i < fields.size(); i++) {
                        cells.put(header.cells().get(i), fields.get(i));
                    }
                    rows.add(cells);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The file names the person but has no usable header or rows: it is listed without them.
        }
        return rows;
    }
}
