package io.rollcall.portal;

import io.rollcall.account.AccountService;
import io.rollcall.account.Acting;
import io.rollcall.auth.CurrentUser;
import io.rollcall.paging.PageRequest;
import io.rollcall.school.SchoolService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Set Up → Users: a school's students and instructors, searchable, paged; resend a welcome email. */
@Controller
class UsersController extends PortalPage {

    static final int PER_PAGE = 50;

    private final AccountService accounts;
    private final SchoolService schools;

    UsersController(AccountService accounts, SchoolService schools) {
        this.accounts = accounts;
        this.schools = schools;
    }

    @GetMapping("/setup/users")
    String users(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String school,
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        var visible = schools.visibleTo(user.operator(), user.adminSchools());
        model.addAttribute("schools", visible);
        model.addAttribute("q", q);
        if (visible.isEmpty()) {
            return "users";
        }
        var schoolId = school == null || school.isBlank() ? visible.get(0).schoolId() : school;
        // Another school's users are not found, exactly like a school that does not exist.
        if (!user.canAdminister(schoolId)) {
            throw notFound();
        }
        var result = accounts.searchUsers(schoolId, q, new PageRequest(Math.max(0, page), PER_PAGE));
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
        redirect.addFlashAttribute("notice", "A new welcome email is on its way to " + email
            + ". The link in any earlier welcome email no longer works.");
        return "redirect:" + UriComponentsBuilder.fromPath("/setup/users").queryParam("school", school)
            .queryParam("q", q).queryParam("page", page).encode().build().toUriString();
    }
}
