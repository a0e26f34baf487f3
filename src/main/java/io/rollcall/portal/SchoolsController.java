package io.rollcall.portal;

import io.rollcall.account.AccountService;
import io.rollcall.account.PasswordPolicy;
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
            redirect.addFlashAttribute("notice", "School " + school.name() + " (" + school.schoolId() + ") created.");
            return "redirect:" + page(school.schoolId());
        } catch (RollcallException e) {
            model.addAttribute("schools", schools.visibleTo(true, java.util.Set.of()));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("newSchoolId", schoolId);
            model.addAttribute("newName", name);
            return "schools";
        }
    }

    @GetMapping("/schools/{schoolId}")
    String edit(@PathVariable String schoolId, Model model) {
        model.addAttribute("school", schools.find(schoolId));
        model.addAttribute("admins", accounts.schoolAdmins(schoolId));
        model.addAttribute("policy", PasswordPolicy.DESCRIPTION);
        return "school";
    }

    @PostMapping("/schools/{schoolId}")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String name,
            @RequestParam(defaultValue = "false") boolean customPasswordOverridesExisting, RedirectAttributes redirect) {
        try {
            schools.update(schoolId, name, customPasswordOverridesExisting, user.email());
            redirect.addFlashAttribute("notice", "Changes saved.");
        } catch (RollcallException e) {
            redirect.addFlashAttribute("error", e.getMessage());
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
            redirect.addFlashAttribute("notice", granted.account().email() + " is now an admin of this school"
                + (granted.created() ? " (account created)."
                    : granted.credentialsReset() ? " (existing account: its password is now the one given here, and"
                        + " its earlier password, links and sessions no longer work)." : "."));
        } catch (RollcallException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + page(schoolId);
    }

    @PostMapping("/schools/{schoolId}/admins/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String schoolId, @RequestParam String email,
            RedirectAttributes redirect) {
        schools.find(schoolId);
        if (accounts.revokeSchoolAdmin(schoolId, email, user.email())) {
            redirect.addFlashAttribute("notice", email + " is no longer an admin of this school.");
        }
        return "redirect:" + page(schoolId);
    }

    private static String page(String schoolId) {
        return UriComponentsBuilder.fromPath("/schools/{id}").buildAndExpand(schoolId).encode().toUriString();
    }
}
