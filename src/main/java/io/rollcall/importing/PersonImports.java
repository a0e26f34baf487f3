package io.rollcall.importing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import de.siegmar.fastcsv.writer.CsvWriter;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.parse.Column;

import org.springframework.stereotype.Service;

/**
 * One person, imported now: the face for clients that provision people one at a time (SCIM). The
 * person goes through the same pipeline as a file of one row (the same checks, home school rules,
 * protected accounts, history and audit), and the call returns when the import has ended.
 * Thread-safe.
 */
@Service
public class PersonImports {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 10;

    private final Uploads uploads;
    private final ImportReports reports;

    PersonImports(Uploads uploads, ImportReports reports) {
        this.uploads = uploads;
        this.reports = reports;
    }

    /** One person's row, as a roster file has it. */
    public record Person(String firstName, String lastName, String email, boolean teacher, String issuedId,
            String schoolId) {
    }

    /**
     * Imports the person at the school and waits for the import to end (at most 30 seconds).
     *
     * @param via how the import is named in the history, e.g. {@code SCIM}
     * @return the ended import: COMPLETED (with a row error when the person was refused) or FAILED
     * @throws RollcallException IMPORT_RUNNING when the import has not ended in time (it goes on)
     */
    public ImportReport importNow(Person person, String via, CurrentUser uploader) {
        var request = new ImportRequest(via + " " + person.email(), false, null, false, null, ImportMode.ADD, false);
        try {
            var report = uploads.submit(new ByteArrayInputStream(csv(person)), request, uploader);
            return awaitEnd(report.id(), uploader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportReport awaitEnd(String id, CurrentUser uploader) {
        var deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            var report = reports.find(id, uploader).orElseThrow();
            if (report.status() == ImportStatus.COMPLETED || report.status() == ImportStatus.FAILED) {
                return report;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new RollcallException(ErrorCode.IMPORT_RUNNING, "The change is still being applied (import " + id
            + "); read the user again in a moment");
    }

    private static byte[] csv(Person person) {
        var text = new StringWriter();
        try (var csv = CsvWriter.builder().build(text)) {
            csv.writeRecord(Column.FIRST_NAME.header(), Column.LAST_NAME.header(), Column.EMAIL.header(),
                Column.IS_TEACHER.header(), Column.ISSUED_ID.header(), Column.SCHOOL_ID.header());
            csv.writeRecord(nullToEmpty(person.firstName()), nullToEmpty(person.lastName()), nullToEmpty(person.email()),
                person.teacher() ? "true" : "false", nullToEmpty(person.issuedId()), person.schoolId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
