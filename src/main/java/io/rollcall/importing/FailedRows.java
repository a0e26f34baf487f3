package io.rollcall.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.writer.CsvWriter;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.parse.RosterFormat;
import io.rollcall.importing.parse.RosterReader;
import io.rollcall.importing.report.ReportRepository;
import io.rollcall.importing.report.RowScope;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The failed rows of an import as a CSV file to correct and upload again: each failed row the
 * viewer may read, as uploaded, with an {@code error} column, in the upload's encoding and
 * delimiter. Thread-safe.
 */
@Service
public class FailedRows {

    private final ImportJobs jobs;
    private final ChunkStore files;
    private final ReportRepository reports;
    private final ImportReports importReports;
    private final ImportPurge purge;
    private final TransactionTemplate readOnly;

    FailedRows(ImportJobs jobs, ChunkStore files, ReportRepository reports, ImportReports importReports,
            ImportPurge purge, TransactionTemplate transactions) {
        this.jobs = jobs;
        this.files = files;
        this.reports = reports;
        this.importReports = importReports;
        this.purge = purge;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** The download's media type: CSV in the character set of the uploaded file. */
    public String contentType(String id) {
        var charset = jobs.find(id).map(job -> Charset.forName(job.charset())).orElse(StandardCharsets.UTF_8);
        // Mac Roman has no name that both browsers ("macintosh") and Java clients ("x-MacRoman") read: a
        // client that cannot parse the type fails, so it goes without one (spreadsheets ignore it anyway).
        if (charset.name().equals("x-MacRoman")) {
            return "text/csv";
        }
        var name = charset == StandardCharsets.UTF_16LE || charset == StandardCharsets.UTF_16BE ? "UTF-16" : charset.name();
        return "text/csv;charset=" + name;
    }

    // UTF-8 gets one too: Excel reads a UTF-8 file without it as the local code page.
    private static byte[] byteOrderMark(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            return new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        }
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            return new byte[] {(byte) 0xFF, (byte) 0xFE};
        }
        if (charset.equals(StandardCharsets.UTF_16BE)) {
            return new byte[] {(byte) 0xFE, (byte) 0xFF};
        }
        return new byte[0];
    }

    /** The download's file name: the upload's, less {@code .csv}, plus {@code -failed-rows.csv}, in safe characters. */
    public static String fileName(ImportReport report) {
        var base = report.fileName().replaceAll("(?i)\\.csv$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        return base + "-failed-rows.csv";
    }

    /** @throws RollcallException DATA_PURGED when the import's rows were purged */
    public void ensureRowsKept(String id) {
        if (purge.isPurged(id)) {
            throw new RollcallException(ErrorCode.DATA_PURGED,
                "The rows of this import were deleted after the retention period; only its counts remain");
        }
    }

    /**
     * Writes the failed rows the viewer may read as uploaded, the original header plus an
     * {@code error} column, as CSV. Cells are echoed exactly for the uploader (the file is theirs and
     * must round-trip); for anyone else a cell that a spreadsheet would run as a formula is defused.
     *
     * @return false when the viewer may not see the import
     */
    public boolean write(String id, CurrentUser viewer, OutputStream out) throws IOException {
        return write(id, viewer, (code, message) -> message, out);
    }

    /**
     * {@link #write(String, CurrentUser, OutputStream)} with each error worded by {@code wording}, from
     * its code and its English text: the portal's download speaks its reader's language.
     */
    public boolean write(String id, CurrentUser viewer, java.util.function.BinaryOperator<String> wording,
            OutputStream out) throws IOException {
        var job = importReports.visibleJob(id, viewer);
        if (job.isEmpty()) {
            return false;
        }
        var scope = ImportReports.scope(job.get(), viewer);
        var echo = job.get().isUploader(viewer) ? Echo.EXACT : Echo.DEFUSED;
        ensureRowsKept(id);
        var format = job.get().format();
        if (job.get().status() != ImportStatus.COMPLETED) {
            out.flush();
            return true;
        }
        // In the upload's own encoding and delimiter, with a byte order mark where it has one, so that
        // the spreadsheet program that wrote the file opens the download the same way.
        out.write(byteOrderMark(format.charset()));
        var writer = CsvWriter.builder().fieldSeparator(format.delimiter())
            .build(new OutputStreamWriter(out, format.charset()));
        // Read-only transaction: lets PostgreSQL stream the errors of a file of any size.
        readOnly.executeWithoutResult(status -> writeFailedRows(job.get(), scope, echo, wording, format, writer));
        writer.flush();
        return true;
    }

    /** How uploaded cells are written back: exactly, or with formulas defused (see {@link FormulaGuard}). */
    private enum Echo {
        EXACT,
        DEFUSED
    }

    private static List<String> echoed(List<String> cells, Echo echo) {
        return echo == Echo.EXACT ? cells : cells.stream().map(FormulaGuard::neutralize).toList();
    }

    private void writeFailedRows(ImportJob job, RowScope scope, Echo echo, java.util.function.BinaryOperator<String> wording,
            RosterFormat format, CsvWriter writer) {
        var id = job.id();
        try (var reader = RosterReader.open(files.open(job), format, Long.MAX_VALUE)) {
            // The header's cells are uploaded cells too (an extra column's name may be a formula).
            var header = new ArrayList<>(echoed(reader.header().cells(), echo));
            header.add("error");
            writer.writeRecord(header);
            var next = new java.util.concurrent.atomic.AtomicReference<>(reader.next());
            reports.forEachFailedRow(id, scope, wording, failed -> {
                var row = next.get();
                while (row.isPresent() && row.get().row() < failed.row()) {
                    row = reader.next();
                }
                next.set(row);
                if (row.isPresent() && row.get().row() == failed.row()) {
                    var cells = new ArrayList<>(echoed(row.get().fields(), echo));
                    while (cells.size() < header.size() - 1) {
                        cells.add("");
                    }
                    cells.add(FormulaGuard.neutralize(failed.message()));
                    writer.writeRecord(cells);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
