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
import io.rollcall.importing.ImportMode;
import io.rollcall.importing.ImportReport;
import io.rollcall.importing.parse.FileEncoding;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The Create Users import over HTTP: upload, status and report, errors, failed rows. */
@RestController
@Tag(name = "Imports")
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

    // The options are multipart fields: the description shows them so (UploadForm), never in the query.
    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadImport", summary = "Upload a roster; the import runs in the background",
        requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = UploadForm.class))))
    @ApiResponse(responseCode = "202", description = "Accepted: the import as it stands (QUEUED or RUNNING; a small file may have ended already)",
        headers = @Header(name = "Location", required = true, description = "The import's address",
            schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "200", description = "A retry with the Idempotency-Key of an earlier upload of the same"
        + " file: that import, as it stands", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ImportReport.class)),
        headers = @Header(name = "Location", required = true, description = "The import's address",
            schema = @Schema(type = "string", format = "uri-reference")))
    @Problems({400, 401, 403, 409, 413, 415, 422, 429, 503})
    ResponseEntity<ImportReport> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestPart("file") @Parameter(hidden = true) MultipartFile file,
            @RequestParam(defaultValue = "false") @Parameter(hidden = true) boolean sendWelcomeEmails,
            @RequestParam(required = false) @Parameter(hidden = true) String customPassword,
            @RequestParam(defaultValue = "false") @Parameter(hidden = true) boolean dryRun,
            @RequestParam(required = false) @Parameter(hidden = true) String encoding,
            @RequestParam(required = false) @Parameter(hidden = true) String mode,
            @RequestParam(defaultValue = "false") @Parameter(hidden = true) boolean confirmLargeSync,
            @Parameter(description = "Up to 255 characters: a retry with the same key and the same file within 24 hours"
                + " returns the first import (200) instead of importing again")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest http) throws IOException {
        Viewers.requireAdmin(user);
        // A custom password in the URL would end up in access logs and browser histories.
        if (http.getQueryString() != null && !http.getQueryString().isEmpty()) {
            throw new RollcallException(ErrorCode.INVALID_REQUEST, "Send the upload's options as multipart form"
                + " fields, not in the URL: it would keep a password in access logs. Nothing was imported");
        }
        var fileEncoding = FileEncoding.parse(encoding).orElseThrow(() -> new RollcallException(
            ErrorCode.INVALID_REQUEST, "encoding must be one of " + FileEncoding.labels() + "; nothing was imported"));
        var importMode = ImportMode.parse(mode).orElseThrow(() -> new RollcallException(ErrorCode.INVALID_REQUEST,
            "mode must be add or sync; nothing was imported"));
        var request = new ImportRequest(file.getOriginalFilename(), sendWelcomeEmails, customPassword, dryRun,
            fileEncoding, importMode, confirmLargeSync);
        try (var in = file.getInputStream()) {
            var submission = uploads.submit(in, request, user, idempotencyKey);
            var report = submission.report();
            return (submission.replayed() ? ResponseEntity.ok() : ResponseEntity.accepted())
                .location(URI.create("/api/v1/imports/" + report.id())).body(report);
        }
    }

    @GetMapping("/api/v1/imports")
    @Operation(operationId = "listImports", summary = "Recent imports the caller may see, newest first",
        description = "Each item has the import's status and counts, with errorCount; its errors, warnings and"
            + " deactivations are left empty here: read them with getImport, listImportErrors and"
            + " listImportDeactivations.")
    @Problems({400, 401, 403})
    Page<ImportReport> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdmin(user);
        return imports.list(user, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/imports/{id}")
    @Operation(operationId = "getImport", summary = "An import: status, counts, file error, first row errors")
    @Problems({401, 403, 404})
    ImportReport get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Viewers.requireAdmin(user);
        return imports.find(id, user).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/imports/{id}/errors")
    @Operation(operationId = "listImportErrors", summary = "All row errors of an import, sorted by row")
    @Problems({400, 401, 403, 404})
    Page<ImportReport.ReportedError> errors(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdmin(user);
        return imports.errors(id, user, PageRequest.of(page, size)).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/imports/{id}/deactivations")
    @Operation(operationId = "listImportDeactivations", summary = "The members a roster sync deactivated, by school and email")
    @Problems({400, 401, 403, 404, 410})
    Page<ImportReport.Deactivation> deactivations(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Viewers.requireAdmin(user);
        var list = imports.deactivations(id, user, PageRequest.of(page, size)).orElseThrow(() -> notFound(id));
        failedRows.ensureRowsKept(id);
        return list;
    }

    @GetMapping("/api/v1/imports/{id}/failed-rows.csv")
    @Operation(operationId = "downloadFailedRows",
        summary = "The failed rows as uploaded, with an error column, in the file's encoding and delimiter")
    @ApiResponse(responseCode = "200", description = "The failed rows", content = @Content(mediaType = "text/csv",
        schema = @Schema(type = "string", format = "binary")))
    @Problems({401, 403, 404, 410})
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
    @Operation(operationId = "purgeImport", summary = "Delete an import's file and row contents now (operators)")
    @ApiResponse(responseCode = "204", description = "Purged")
    @Problems({401, 403, 404, 409})
    ResponseEntity<Void> purge(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        Viewers.requireOperator(user);
        if (!retention.purgeNow(id, user)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The upload's multipart fields, as the description shows them. */
    @Schema(name = "UploadForm", requiredProperties = "file")
    record UploadForm(
            @Schema(type = "string", format = "binary", description = "The CSV roster") String file,
            @Schema(defaultValue = "false", description = "Email each created account a set-password link")
            Boolean sendWelcomeEmails,
            @Schema(format = "password", maxLength = 128, description = "Applies when not empty (then 8 to 128"
                + " characters): new accounts get it and must change it") String customPassword,
            @Schema(defaultValue = "false", description = "Report what would happen; write nothing") Boolean dryRun,
            @Schema(defaultValue = "auto", allowableValues = {"auto", "utf-8", "windows-1252", "macintosh", "utf-16"},
                description = "The file's character set; auto detects it") String encoding,
            @Schema(defaultValue = "add", allowableValues = {"add", "sync"}, description = "sync: the file is the whole"
                + " roster of the schools it names; their active members it does not list are deactivated") String mode,
            @Schema(defaultValue = "false", description = "Let a sync deactivate more of a school than"
                + " rollcall.import.sync-max-deactivate-percent") Boolean confirmLargeSync) {
    }

    private static RollcallException notFound(String id) {
        return new RollcallException(ErrorCode.NOT_FOUND, "There is no import " + id);
    }
}
