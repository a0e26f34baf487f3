package io.rollcall.portal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.account.PasswordPolicy;
import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.PageRequest;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.DeactivationsCsv;
import io.rollcall.importing.ImportMode;
import io.rollcall.importing.ImportRequest;
import io.rollcall.importing.parse.FileEncoding;
import io.rollcall.importing.FailedRows;
import io.rollcall.importing.ImportProperties;
import io.rollcall.importing.ImportReports;
import io.rollcall.importing.Uploads;
import io.rollcall.importing.ImportStatus;
import io.rollcall.importing.parse.FileRejected;
import io.rollcall.importing.ImportReport;
import io.rollcall.school.School;
import io.rollcall.school.SchoolService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Set Up → Create Users, as the help article describes it: options, upload, progress, result,
 * failed rows, and the import history.
 */
@Controller
class CreateUsersController extends PortalPage {

    static final int ERRORS_PER_PAGE = 50;
    static final int IMPORTS_PER_PAGE = 25;

    private final Uploads uploads;
    private final ImportReports imports;
    private final FailedRows failedRows;
    private final SchoolService schools;

    private final int syncLimitPercent;
    private final long uploadLimitMb;
    private final DeactivationsCsv deactivationsCsv;

    CreateUsersController(Uploads uploads, ImportReports imports, FailedRows failedRows, SchoolService schools,
            DeactivationsCsv deactivationsCsv,
            ImportProperties importProperties) {
        this.deactivationsCsv = deactivationsCsv;
        this.syncLimitPercent = importProperties.syncMaxDeactivatePercent();
        this.uploadLimitMb = importProperties.maxFileSize().toMegabytes();
        this.uploads = uploads;
        this.imports = imports;
        this.failedRows = failedRows;
        this.schools = schools;
    }

    @GetMapping("/setup")
    String setup() {
        return "redirect:/setup/create-users";
    }

    @GetMapping("/setup/create-users")
    String form(@AuthenticationPrincipal CurrentUser user, Model model) {
        return formPage(user, model, new Options(false, false, false, FileEncoding.AUTO, false, false));
    }

    record Options(boolean sendWelcomeEmails, boolean createCustomPassword, boolean dryRun, FileEncoding encoding,
            boolean fullRoster, boolean confirmLargeSync) {
    }

    @PostMapping("/setup/create-users")
    String upload(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean sendWelcomeEmails,
            @RequestParam(defaultValue = "false") boolean createCustomPassword,
            @RequestParam(required = false) String customPassword,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) String encoding,
            @RequestParam(defaultValue = "false") boolean fullRoster,
            @RequestParam(defaultValue = "false") boolean confirmLargeSync, Model model) throws IOException {
        var fileEncoding = FileEncoding.parse(encoding);
        var options = new Options(sendWelcomeEmails, createCustomPassword, dryRun, fileEncoding.orElse(FileEncoding.AUTO),
            fullRoster, fullRoster && confirmLargeSync);
        if (fileEncoding.isEmpty()) {
            model.addAttribute("uploadError", messages.text("create.choose-encoding"));
            return formPage(user, model, options);
        }
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            model.addAttribute("uploadError", messages.text("create.choose-file"));
            return formPage(user, model, options);
        }
        var request = new ImportRequest(file.getOriginalFilename(), sendWelcomeEmails,
            createCustomPassword ? customPassword : null, dryRun, options.encoding(),
            fullRoster ? ImportMode.SYNC : ImportMode.ADD, options.confirmLargeSync());
        try (var in = file.getInputStream()) {
            var report = uploads.submit(in, request, user);
            return "redirect:/setup/imports/" + report.id();
        } catch (FileRejected e) {
            model.addAttribute("fileError", new ImportReport.FileError(e.code().name(), messages.problem(e), e.missingFields()));
            model.addAttribute("foundFields", e.foundFields());
            model.addAttribute("fileName", request.fileName());
            return formPage(user, model, options);
        } catch (RollcallException e) {
            if (e.code() == ErrorCode.INVALID_PASSWORD) {
                model.addAttribute("passwordError", messages.problem(e));
            } else if (e.code() == ErrorCode.FILE_TOO_LARGE || e.code() == ErrorCode.STORAGE_QUOTA_EXCEEDED) {
                model.addAttribute("uploadError", messages.problem(e));
            } else {
                throw e;
            }
            return formPage(user, model, options);
        }
    }

    private String formPage(CurrentUser user, Model model, Options options) {
        var visible = visibleSchools(user);
        model.addAttribute("schools", visible);
        model.addAttribute("overridingSchools", visible.stream().filter(School::customPasswordOverridesExisting).toList());
        model.addAttribute("options", options);
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordPolicy.MAX_LENGTH);
        model.addAttribute("syncLimit", syncLimitPercent);
        model.addAttribute("uploadLimitMb", uploadLimitMb);
        return "create-users";
    }

    private List<School> visibleSchools(CurrentUser user) {
        return schools.visibleTo(user.operator(), user.adminSchools());
    }

    @GetMapping("/setup/imports/{id}")
    String result(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var viewer = user;
        var report = imports.find(id, viewer).orElseThrow(PortalPage::notFound);
        model.addAttribute("report", report);
        model.addAttribute("uploadedBy", imports.uploaderEmails(List.of(id)).get(id));
        var done = report.status() == ImportStatus.COMPLETED || report.status() == ImportStatus.FAILED;
        model.addAttribute("done", done);
        if (done && report.errorCount() > 0) {
            var errorPage = Math.max(0, Math.min(page, (report.errorCount() - 1) / ERRORS_PER_PAGE));
            var errors = imports.errors(id, viewer, new PageRequest(errorPage, ERRORS_PER_PAGE)).orElseThrow(PortalPage::notFound);
            model.addAttribute("errors", errors.items());
            model.addAttribute("errorPage", errorPage);
            model.addAttribute("errorPages", (report.errorCount() + ERRORS_PER_PAGE - 1) / ERRORS_PER_PAGE);
            model.addAttribute("firstErrorShown", errorPage * ERRORS_PER_PAGE + 1);
            model.addAttribute("lastErrorShown", errorPage * ERRORS_PER_PAGE + errors.items().size());
        }
        return "import-result";
    }

    @GetMapping("/setup/imports/{id}/status")
    @ResponseBody
    Map<String, Object> status(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        var report = imports.find(id, user).orElseThrow(PortalPage::notFound);
        var body = new LinkedHashMap<String, Object>();
        body.put("status", report.status());
        body.put("processedRows", report.processedRows());
        body.put("totalRows", report.totalRows());
        return body;
    }

    @GetMapping("/setup/imports/{id}/failed-rows.csv")
    void failedRows(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        var report = imports.find(id, user).orElseThrow(PortalPage::notFound);
        // Before the download starts: once the response's stream is taken, no error page can follow.
        failedRows.ensureRowsKept(id);
        response.setContentType(failedRows.contentType(id));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + FailedRows.fileName(report) + "\"");
        failedRows.write(id, user, messages::problem, response.getOutputStream());
    }

    @GetMapping("/setup/imports/{id}/deactivations.csv")
    void deactivations(@AuthenticationPrincipal CurrentUser user, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        var report = imports.find(id, user).orElseThrow(PortalPage::notFound);
        failedRows.ensureRowsKept(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + DeactivationsCsv.fileName(report) + "\"");
        deactivationsCsv.write(id, user, response.getOutputStream());
    }

    @GetMapping("/setup/imports")
    String history(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "0") int page, Model model) {
        var result = imports.list(user, new PageRequest(Math.max(0, page), IMPORTS_PER_PAGE));
        model.addAttribute("imports", result.items());
        model.addAttribute("uploaders", imports.uploaderEmails(result.items().stream().map(ImportReport::id).toList()));
        model.addAttribute("page", result.page());
        model.addAttribute("pages", Math.max(1, (result.total() + IMPORTS_PER_PAGE - 1) / IMPORTS_PER_PAGE));
        model.addAttribute("total", result.total());
        return "import-history";
    }
}
