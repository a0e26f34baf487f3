package io.rollcall.portal;

import io.rollcall.account.AccountService;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.RollcallException;
import io.rollcall.school.SchoolService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The operator console (account managers): schools, their policy, and their admins, over the same
 * services as the API (which check the rules and write the audit log).
 */
@Controller
class SchoolsController extends PortalPage {

    private final SchoolService schools;
    private final AccountService accounts;

    SchoolsController(SchoolService schools, AccountService accounts) {
        this.schools = schools;
        this.accounts = accounts;
    }

    @GetMapping("/schools")
    String list(Model model) {
        model.addAttribute("schools", schools.visibleTo(true, java.util.Set.of()));
        return "schools";
    }

    @PostMapping("/schools")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam String schoolId, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean customPasswordOverridesExisting, Model model,
            RedirectAttributes redirect) {
        try {
            var school = schools.create(schoolId, name, customPasswordOverridesExisting, user.email());
            redirect.addFlashAttribute("notice", messages.text("school.notice.created", school.name(), school.schoolId()));
            return "redirect:" + page(school.schoolId());
        } catch (RollcallException e) {
            model.addAttribute("schools", schools.visibleTo(true, java.util.Set.of()));
            model.addAttribute("error", messages.problem(e));
            model.addAttribute("newSchoolId", schoolId);
            model.addAttribute("newName", name);
            return "schools";
        }
    }

    @GetMapping("/schools/{schoolId}")
    String edit(@PathVariable String schoolId, Model model) {
        model.addAttribute("school", schools.find(schoolId));
        model.addAttribute("admins", accounts.schoolAdmins(schoolId));
        return "school";
    }

    @PostMapping("/schools/{schoolId}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean customPasswordOverridesExisting, RedirectAttributes redirect) {
        try {
            schools.update(schoolId, name, customPasswordOverridesExisting, user.email());
            redirect.addFlashAttribute("notice", messages.text("school.notice.saved"));
        } catch (RollcallException e) {
            redirect.addFlashAttribute("error", messages.problem(e));
        }
        return "redirect:" + page(schoolId);
    }

    @PostMapping("/schools/{schoolId}/admins")
    String grant(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String email,
            @RequestParam(defaultValue = "") String firstName, @RequestParam(defaultValue = "") String lastName,
            @RequestParam(defaultValue = "") String password, RedirectAttributes redirect) {
        schools.find(schoolId);
        try {
            var granted = accounts.grantSchoolAdmin(schoolId, email, firstName, lastName, password, user.email());
            redirect.addFlashAttribute("notice", messages.text(granted.created() ? "school.notice.granted-created"
                : granted.credentialsReset() ? "school.notice.granted-reset" : "school.notice.granted",
                granted.account().email()));
        } catch (RollcallException e) {
            redirect.addFlashAttribute("error", messages.problem(e));
        }
        return "redirect:" + page(schoolId);
    }

    @PostMapping("/schools/{schoolId}/admins/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String email,
            RedirectAttributes redirect) {
        schools.find(schoolId);
        if (accounts.revokeSchoolAdmin(schoolId, email, user.email())) {
            redirect.addFlashAttribute("notice", messages.text("school.notice.revoked", email));
        }
        return "redirect:" + page(schoolId);
    }

    private static String page(String schoolId) {
        return UriComponentsBuilder.fromPath("/schools/{id}").buildAndExpand(schoolId).encode().toUriString();
    }
}
