package io.rollcall.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.rollcall.account.AccountLifecycle;
import io.rollcall.account.AccountService;
import io.rollcall.account.Acting;
import io.rollcall.account.MembershipStatus;
import io.rollcall.account.PersonHistory;
import io.rollcall.account.PersonalDataExport;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.ImportReports;
import io.rollcall.paging.PageRequest;
import io.rollcall.school.SchoolService;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Set Up → Users: a school's students and instructors, searchable, filtered by status, paged; resend
 * a welcome email; deactivate and reactivate one person or a selection.
 */
@Controller
class UsersController extends PortalPage {

    static final int PER_PAGE = 50;

    private final AccountService accounts;
    private final AccountLifecycle lifecycle;
    private final SchoolService schools;
    private final PersonHistory history;
    private final ImportReports imports;
    private final PersonalDataExport exports;

    UsersController(AccountService accounts, AccountLifecycle lifecycle, SchoolService schools, PersonHistory history,
            ImportReports imports, PersonalDataExport exports) {
        this.exports = exports;
        this.history = history;
        this.imports = imports;
        this.accounts = accounts;
        this.lifecycle = lifecycle;
        this.schools = schools;
    }

    @GetMapping("/setup/users")
    String users(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String school,
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var visible = schools.visibleTo(user.operator(), user.adminSchools());
        var wanted = status.isBlank() ? null : MembershipStatus.parse(status).orElse(null);
        model.addAttribute("schools", visible);
        model.addAttribute("q", q);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        if (visible.isEmpty()) {
            return "users";
        }
        var schoolId = school == null || school.isBlank() ? visible.get(0).schoolId() : school;
        // Another school's users are not found, exactly like a school that does not exist.
        if (!user.canAdminister(schoolId)) {
            throw notFound();
        }
        var result = accounts.searchUsers(schoolId, q, wanted, new PageRequest(Math.max(0, page), PER_PAGE));
        model.addAttribute("school", schools.find(schoolId));
        model.addAttribute("users", result.items());
        model.addAttribute("total", result.total());
        model.addAttribute("page", result.page());
        model.addAttribute("pages", Math.max(1, (result.total() + PER_PAGE - 1) / PER_PAGE));
        return "users";
    }

    /** Sends the welcome email again with a fresh link; the old link stops working. */
    @PostMapping("/setup/users/welcome-email")
    String resendWelcome(@AuthenticationPrincipal CurrentUser user, @RequestParam String school,
            @RequestParam String email, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, RedirectAttributes redirect) {
        if (!user.canAdminister(school)) {
            throw notFound();
        }
        schools.find(school);
        accounts.resendWelcome(school, email, Acting.of(user.operator()));
        redirect.addFlashAttribute("notice", messages.text("users.notice.resent", email));
        return back(school, q, "", page);
    }

    /** One person's history at the school: created, added, changed by uploads, deactivated and reactivated. */
    @GetMapping("/setup/users/history")
    String history(@AuthenticationPrincipal CurrentUser user, @RequestParam String school, @RequestParam String email,
            Model model) {
        if (!user.canAdminister(school)) {
            throw notFound();
        }
        var entries = new ArrayList<>(history.at(school, email));
        entries.addAll(imports.syncDeactivations(school, email));
        entries.sort(java.util.Comparator.comparing(PersonHistory.Entry::at));
        var uploaders = imports.uploaderEmails(entries.stream().map(PersonHistory.Entry::importId)
            .filter(java.util.Objects::nonNull).distinct().toList());
        model.addAttribute("school", schools.find(school));
        model.addAttribute("person", accounts.user(school, email).orElseThrow(PortalPage::notFound));
        model.addAttribute("entries", entries.stream().map(e -> e.by() != null || e.importId() == null ? e
            : new PersonHistory.Entry(e.at(), e.what(), uploaders.get(e.importId()), e.importId())).toList());
        return "user-history";
    }

    /** Everything held about the person, as a JSON file to hand to them (home school's admins, operators). */
    @GetMapping(path = "/setup/users/export", produces = "application/json")
    ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal CurrentUser user, @RequestParam String school,
            @RequestParam String email) {
        if (!user.canAdminister(school)) {
            throw notFound();
        }
        var data = exports.export(school, email, Acting.of(user.operator()), user.email());
        var name = "rollcall-data-" + email.replaceAll("[^A-Za-z0-9@._-]", "_") + ".json";
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + name + "\"").body(data);
    }

    /** Removes the person from the school; with their last school, the person is erased. */
    @PostMapping("/setup/users/remove")
    String remove(@AuthenticationPrincipal CurrentUser user, @RequestParam String school, @RequestParam String email,
            RedirectAttributes redirect) {
        if (!user.canAdminister(school)) {
            throw notFound();
        }
        schools.find(school);
        boolean erased = lifecycle.remove(school, email, user.email());
        redirect.addFlashAttribute("notice", messages.text(erased ? "users.notice.removed-erased" : "users.notice.removed",
            email));
        return back(school, "", "", 0);
    }

    /** Deactivates the chosen people at the school: one from its row, or the selection. */
    @PostMapping("/setup/users/deactivate")
    String deactivate(@AuthenticationPrincipal CurrentUser user, @RequestParam String school,
            @RequestParam(name = "email", required = false) List<String> emails, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        change(user, school, emails, email -> lifecycle.deactivate(school, email, user.email()), "users.notice.deactivated",
            redirect);
        return back(school, q, status, page);
    }

    @PostMapping("/setup/users/reactivate")
    String reactivate(@AuthenticationPrincipal CurrentUser user, @RequestParam String school,
            @RequestParam(name = "email", required = false) List<String> emails, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "0") int page,
            RedirectAttributes redirect) {
        change(user, school, emails, email -> lifecycle.reactivate(school, email, user.email()), "users.notice.reactivated",
            redirect);
        return back(school, q, status, page);
    }

    // Each person on their own: one who cannot be changed (an admin's account) is named, the others are changed.
    private void change(CurrentUser user, String school, List<String> emails, Consumer<String> action, String done,
            RedirectAttributes redirect) {
        if (!user.canAdminister(school)) {
            throw notFound();
        }
        schools.find(school);
        if (emails == null || emails.isEmpty()) {
            redirect.addFlashAttribute("notice", messages.text("users.notice.select-first"));
            return;
        }
        var changed = new ArrayList<String>();
        var refused = new ArrayList<String>();
        for (var email : emails.stream().distinct().limit(PER_PAGE).toList()) {
            try {
                action.accept(email);
                changed.add(email);
            } catch (RollcallException e) {
                refused.add(email + ": " + messages.problem(e));
            }
        }
        var message = changed.isEmpty() ? messages.text("users.notice.nothing-changed")
            : messages.text(done, changed.size() == 1 ? changed.get(0) : messages.text("users.notice.count", changed.size()));
        redirect.addFlashAttribute("notice", message
            + (refused.isEmpty() ? "" : messages.text("users.notice.not-changed", String.join("; ", refused))));
    }

    private static String back(String school, String q, String status, int page) {
        return "redirect:" + UriComponentsBuilder.fromPath("/setup/users").queryParam("school", school)
            .queryParam("q", q).queryParam("status", status).queryParam("page", page).encode().build().toUriString();
    }
}
