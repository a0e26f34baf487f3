package io.rollcall.api;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.ImportRequest;
import io.rollcall.importing.FailedRows;
import io.rollcall.importing.ImportReports;
import io.rollcall.importing.Retention;
import io.rollcall.importing.Uploads;
import io.rollcall.importing.ImportReport;
import io.rollcall.importing.parse.FileEncoding;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The Create Users import over HTTP: upload, status and report, errors, failed rows. */
@RestController
class ImportController {

    private final Uploads uploads;
    private final ImportReports imports;
    private final FailedRows failedRows;
    private final Retention retention;

    ImportController(Uploads uploads, ImportReports imports, FailedRows failedRows, Retention retention) {
        this.uploads = uploads;
        this.imports = imports;
        this.failedRows = failedRows;
        this.retention = retention;
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean sendWelcomeEmails,
            @RequestParam(required = false) String customPassword,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String encoding, HttpServletRequest http) throws IOException {
        Viewers.requireAdmin(user);
        // A custom password in the URL would end up in access logs and browser histories.
        if (http.getQueryString() != null && !http.getQueryString().isEmpty()) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "Send the upload's options as multipart form"
                + " fields, not in the URL: it would keep a password in access logs. Nothing was imported");
        }
        var fileEncoding = FileEncoding.parse(encoding).orElseThrow(() -> new RollcallException(
            ErrorCode.INVALID_REQUEST, "encoding must be one of " + FileEncoding.labels() + "; nothing was imported"));
        var request = new ImportRequest(file.getOriginalFilename(), sendWelcomeEmails, customPassword, dryRun,
            fileEncoding);
        try (var in = file.getInputStream()) {
            var report = uploads.submit(in, request, user);
            return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + report.id())).body(report);
        }
    }

    @GetMapping("/api/v1/imports")
    Page<ImportReport> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdmin(user);
        return imports.list(user, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/imports/{id}")
    ImportReport get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Viewers.requireAdmin(user);
        return imports.find(id, user).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/imports/{id}/errors")
    Page<ImportReport.ReportedError> errors(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdmin(user);
        return imports.errors(id, user, PageRequest.of(page, size)).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/imports/{id}/failed-rows.csv")
    void failedRows(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        Viewers.requireAdmin(user);
        var report = imports.find(id, user).orElseThrow(() -> notFound(id));
        failedRows.ensureRowsKept(id);
        response.setContentType(failedRows.contentType(id));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + FailedRows.fileName(report) + "\"");
        failedRows.write(id, user, response.getOutputStream());
    }

    /** Deletes the import's file and row contents now; counts and error codes stay. Operators only. */
    @PostMapping("/api/v1/imports/{id}/purge")
    ResponseEntity<Void> purge(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Viewers.requireOperator(user);
        if (!retention.purgeNow(id, user)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static RollcallException notFound(String id) {
        return new RollcallException(ErrorCode.NOT_FOUND, "There is no import " + id);
    }
}
