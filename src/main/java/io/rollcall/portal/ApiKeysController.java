package io.rollcall.portal;

import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.ApiKeys;
import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.school.SchoolService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Set Up → API keys: a school's keys for nightly scripts and identity providers; make one (shown
 * once, on the answer to the form, never kept in the session) or revoke one.
 */
@Controller
class ApiKeysController extends PortalPage {

    private final ApiKeys keys;
    private final SchoolService schools;

    ApiKeysController(ApiKeys keys, SchoolService schools) {
        this.keys = keys;
        this.schools = schools;
    }

    @GetMapping("/setup/api-keys")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String school, Model model) {
        var visible = schools.visibleTo(user.operator(), user.adminSchools());
        model.addAttribute("schools", visible);
        if (visible.isEmpty()) {
            return "api-keys";
        }
        var schoolId = school == null || school.isBlank() ? visible.get(0).schoolId() : school;
        show(user, schoolId, model);
        return "api-keys";
    }

    /** Makes a key and shows it on this answer only: a reload does not show it again. */
    @PostMapping("/setup/api-keys")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam String school,
            @RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response) {
        model.addAttribute("schools", schools.visibleTo(user.operator(), user.adminSchools()));
        requireAdmin(user, school);
        try {
            var created = keys.create(school, name, user);
            model.addAttribute("created", created);
            response.setHeader("Cache-Control", "no-store");
        } catch (RollcallException e) {
            if (e.code() != ErrorCode.INVALID_REQUEST) {
                throw e;
            }
            model.addAttribute("nameError", messages.problem(e));
            model.addAttribute("name", name);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        show(user, school, model);
        return "api-keys";
    }

    @PostMapping("/setup/api-keys/revoke")
    String revoke(@AuthenticationPrincipal CurrentUser user, @RequestParam String school, @RequestParam String id,
            RedirectAttributes redirect) {
        requireAdmin(user, school);
        redirect.addFlashAttribute("notice", keys.revoke(school, id, user)
            ? messages.text("keys.notice.revoked") : messages.text("keys.notice.already"));
        return "redirect:" + UriComponentsBuilder.fromPath("/setup/api-keys").queryParam("school", school)
            .encode().build().toUriString();
    }

    private void show(CurrentUser user, String schoolId, Model model) {
        requireAdmin(user, schoolId);
        model.addAttribute("school", schools.find(schoolId));
        model.addAttribute("keys", keys.list(schoolId, user));
        model.addAttribute("maxKeys", ApiKeys.MAX_PER_SCHOOL);
        model.addAttribute("maxName", ApiKeys.MAX_NAME);
    }

    // Another school's keys are not found, exactly like a school that does not exist.
    private static void requireAdmin(CurrentUser user, String schoolId) {
        if (!user.canAdminister(schoolId)) {
            throw notFound();
        }
    }
}
