package io.rollcall.portal;

import io.rollcall.account.AccountService;
import io.rollcall.account.PasswordPolicy;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.RollcallException;
import io.rollcall.school.School;
import io.rollcall.school.SchoolIds;
import io.rollcall.school.SchoolRepository;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator console (account managers): schools, their policy, and their admins. Each change is
 * written to the audit log exactly as the API's equivalent is.
 */
@Controller
class SchoolsController extends PortalPage {

    private final SchoolRepository schools;
    private final AccountService accounts;
    private final AuditLog audit;

    SchoolsController(SchoolRepository schools, AccountService accounts, AuditLog audit) {
        this.schools = schools;
        this.accounts = accounts;
        this.audit = audit;
    }

    @GetMapping("/schools")
    String list(Model model) {
        model.addAttribute("schools", schools.findAll());
        return "schools";
    }

    @PostMapping("/schools")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam String schoolId, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean customPasswordOverridesExisting, Model model,
            RedirectAttributes redirect) {
        var id = schoolId.strip();
        var error = problemWith(id, name);
        if (error == null && !schools.insert(new School(id, name.trim(), customPasswordOverridesExisting))) {
            error = "A school with schoolID " + id + " already exists.";
        }
        if (error != null) {
            model.addAttribute("schools", schools.findAll());
            model.addAttribute("error", error);
            model.addAttribute("newSchoolId", schoolId);
            model.addAttribute("newName", name);
            return "schools";
        }
        audit.record(AuditEvent.SCHOOL_CREATED, user.email(), id,
            "customPasswordOverridesExisting=" + customPasswordOverridesExisting);
        redirect.addFlashAttribute("notice", "School " + name.trim() + " (" + id + ") created.");
        return "redirect:/schools/" + id;
    }

    private static String problemWith(String schoolId, String name) {
        try {
            SchoolIds.check(schoolId);
        } catch (RollcallException e) {
            return e.getMessage();
        }
        return name.isBlank() || name.trim().length() > 200 ? "The school name is required: up to 200 characters." : null;
    }

    @GetMapping("/schools/{schoolId}")
    String edit(@PathVariable String schoolId, Model model) {
        model.addAttribute("school", schools.find(schoolId).orElseThrow(PortalPage::notFound));
        model.addAttribute("admins", accounts.schoolAdmins(schoolId));
        model.addAttribute("policy", PasswordPolicy.DESCRIPTION);
        return "school";
    }

    @PostMapping("/schools/{schoolId}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean customPasswordOverridesExisting, RedirectAttributes redirect) {
        var school = schools.find(schoolId).orElseThrow(PortalPage::notFound);
        if (name.isBlank() || name.trim().length() > 200) {
            redirect.addFlashAttribute("error", "The school name is required: up to 200 characters.");
        } else {
            schools.update(new School(schoolId, name.trim(), customPasswordOverridesExisting));
            if (customPasswordOverridesExisting != school.customPasswordOverridesExisting()) {
                audit.record(AuditEvent.POLICY_CHANGED, user.email(), schoolId,
                    "customPasswordOverridesExisting=" + customPasswordOverridesExisting);
            }
            redirect.addFlashAttribute("notice", "Changes saved.");
        }
        return "redirect:/schools/" + schoolId;
    }

    @PostMapping("/schools/{schoolId}/admins")
    String grant(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String email,
            @RequestParam(defaultValue = "") String firstName, @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String password, RedirectAttributes redirect) {
        schools.find(schoolId).orElseThrow(PortalPage::notFound);
        if (email.isBlank() || email.trim().length() > 254 || !email.contains("@")) {
            redirect.addFlashAttribute("error", "Enter the email address of the new admin.");
            return "redirect:/schools/" + schoolId;
        }
        try {
            var granted = accounts.grantSchoolAdmin(schoolId, email.trim(), orDefault(firstName, "School"),
                orDefault(lastName, "Admin"), password);
            audit.record(AuditEvent.ADMIN_GRANTED, user.email(), granted.account().email(), "school " + schoolId
                + (granted.credentialsReset() ? "; existing account taken over: password replaced, links, tokens"
                    + " and sessions ended" : ""));
            redirect.addFlashAttribute("notice", granted.account().email() + " is now an admin of this school"
                + (granted.created() ? " (account created)."
                    : granted.credentialsReset() ? " (existing account: its password is now the one given here, and"
                        + " its earlier password, links and sessions no longer work)." : "."));
        } catch (RollcallException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/schools/" + schoolId;
    }

    @PostMapping("/schools/{schoolId}/admins/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String email,
            RedirectAttributes redirect) {
        schools.find(schoolId).orElseThrow(PortalPage::notFound);
        if (accounts.revokeSchoolAdmin(schoolId, email)) {
            audit.record(AuditEvent.ADMIN_REVOKED, user.email(), email, "school " + schoolId);
            redirect.addFlashAttribute("notice", email + " is no longer an admin of this school.");
        }
        return "redirect:/schools/" + schoolId;
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value.trim();
    }
}
