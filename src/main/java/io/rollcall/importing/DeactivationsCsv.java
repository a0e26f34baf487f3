package io.rollcall.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

import io.rollcall.auth.CurrentUser;
import io.rollcall.importing.report.ReportRepository;
import io.rollcall.paging.PageRequest;

import de.siegmar.fastcsv.writer.CsvWriter;

import org.springframework.stereotype.Service;

/**
 * The members a roster sync deactivated, as a CSV file the admin opens in a spreadsheet (UTF-8 with
 * a byte order mark, formulas defused): the template's columns, so the list can be edited and
 * uploaded again to bring people back.
 */
@Service
public class DeactivationsCsv {

    private static final int PAGE = 5000;

    private final ImportReports imports;
    private final ReportRepository reports;
    private final FailedRows failedRows;

    DeactivationsCsv(ImportReports imports, ReportRepository reports, FailedRows failedRows) {
        this.imports = imports;
        this.reports = reports;
        this.failedRows = failedRows;
    }

    /** The download's file name: the upload's, less {@code .csv}, plus {@code -deactivated.csv}. */
    public static String fileName(ImportReport report) {
        return FailedRows.fileName(report).replace("-failed-rows.csv", "-deactivated.csv");
    }

    /** @return false when the viewer may not see the import */
    public boolean write(String id, CurrentUser viewer, OutputStream out) throws IOException {
        var job = imports.visibleJob(id, viewer);
        if (job.isEmpty()) {
            return false;
        }
        failedRows.ensureRowsKept(id);
        var scope = ImportReports.scope(job.get(), viewer);
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        var writer = CsvWriter.builder().build(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.writeRecord("schoolID", "email", "firstName", "lastName");
        for (int page = 0; ; page++) {
            var batch = reports.deactivations(id, scope, new PageRequest(page, PAGE));
            batch.forEach(d -> writer.writeRecord(FormulaGuard.neutralize(d.schoolId()), FormulaGuard.neutralize(d.email()),
                FormulaGuard.neutralize(d.firstName()), FormulaGuard.neutralize(d.lastName())));
            if (batch.size() < PAGE) {
                break;
            }
        }
        writer.flush();
        return true;
    }
}
