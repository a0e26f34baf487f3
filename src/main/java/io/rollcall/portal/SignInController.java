package io.rollcall.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.account.AccountService;
import io.rollcall.account.PasswordLinks;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.CurrentUser;
import io.rollcall.auth.ForcedChange;
import io.rollcall.auth.PasswordSignIn;
import io.rollcall.auth.SingleSignOn;
import io.rollcall.auth.SsoLogin;
import io.rollcall.error.RollcallException;
import io.rollcall.error.ServerBusy;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.SessionAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Signing in, the home page, choosing a password (forced change and the welcome link). */
@Controller
class SignInController extends PortalPage {

    private final AccountService accounts;
    private final PasswordLinks links;
    private final PasswordSignIn signIn;
    private final AuditLog audit;
    private final SingleSignOn singleSignOn;
    private final ForcedChange forcedChange;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInController(AccountService accounts, PasswordLinks links, PasswordSignIn signIn, AuditLog audit,
            SingleSignOn singleSignOn, ForcedChange forcedChange) {
        this.accounts = accounts;
        this.forcedChange = forcedChange;
        this.singleSignOn = singleSignOn;
        this.links = links;
        this.signIn = signIn;
        this.audit = audit;
    }

    // With password sign-in off, the form shows only at /login?password (operators) or after a failed try.
    @GetMapping("/login")
    String login(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
            @SessionAttribute(name = SsoLogin.REFUSED_EMAIL, required = false) String refusedEmail, Model model) {
        if (user != null) {
            return "redirect:/";
        }
        var providers = singleSignOn.providers();
        model.addAttribute("providers", providers);
        var asked = request.getParameterMap().keySet();
        model.addAttribute("passwordForm", singleSignOn.passwordLogin() || providers.isEmpty()
            || asked.contains("password") || asked.contains("error") || asked.contains("locked")
            || asked.contains("passwordOff"));
        model.addAttribute("refusedEmail", refusedEmail == null ? "" : refusedEmail);
        return "login";
    }

    @GetMapping("/")
    String start(@AuthenticationPrincipal CurrentUser user) {
        if (user.isAdmin()) {
            return "redirect:/setup/create-users";
        }
        return "redirect:/home";
    }

    @GetMapping("/home")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("memberships", accounts.memberships(user.accountId()));
        return "home";
    }

    // Any method: Spring Security forwards a refused POST (a missing CSRF token, say) here as a POST.
    @RequestMapping("/denied")
    String denied(Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("title", messages.text("error.not-allowed"));
        model.addAttribute("message", messages.text("error.denied"));
        return "error-page";
    }

    // The current password is asked unless the session has just signed in with the temporary one (ForcedChange).
    @GetMapping(MustChangePassword.PAGE)
    String changePasswordForm(Authentication authentication, Model model) {
        model.addAttribute("askCurrent", forcedChange.proof(authentication).isEmpty());
        return "change-password";
    }

    @PostMapping(MustChangePassword.PAGE)
    String changePassword(@AuthenticationPrincipal CurrentUser user, Authentication authentication,
            @RequestParam(required = false) String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        var proof = forcedChange.proof(authentication);
        model.addAttribute("askCurrent", proof.isEmpty());
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("error", messages.text("change.mismatch"));
            model.addAttribute("errorField", "confirmPassword");
            return "change-password";
        }
        try {
            if (proof.isPresent()) {
                accounts.replaceTemporaryPassword(user.accountId(), user.credentialsVersion(), newPassword,
                    forcedChange.sameAsTemporary(proof.get(), newPassword));
            } else {
                accounts.changePassword(user.accountId(), currentPassword, newPassword);
            }
        } catch (ServerBusy e) {
            throw e;
        } catch (RollcallException e) {
            model.addAttribute("error", messages.problem(e));
            // The current password is wrong, or the new one is refused.
            model.addAttribute("errorField", messages.isProblem(e, "problem.INVALID_PASSWORD.current")
                ? "currentPassword" : "newPassword");
            return "change-password";
        }
        audit.record(AuditEvent.PASSWORD_SET, user.email(), user.email(),
            user.mustChangePassword() ? "replaced the temporary password" : "changed the password");
        // The session still holds the person as they were (must change); replace it with who they are now.
        var refreshed = signIn.load(user.accountId()).orElseThrow();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(PasswordSignIn.authenticated(refreshed));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/?passwordChanged";
    }

    @GetMapping("/set-password")
    String setPasswordForm(@RequestParam(required = false) String token, Model model) {
        return linkPage(token, model);
    }

    @PostMapping("/set-password")
    String setPassword(@RequestParam(required = false) String token, @RequestParam String password,
            @RequestParam String confirmPassword, Model model) {
        if (!password.equals(confirmPassword)) {
            model.addAttribute("error", messages.text("set.mismatch"));
            model.addAttribute("errorField", "confirmPassword");
            return linkPage(token, model);
        }
        try {
            links.setPassword(token, password);
        } catch (ServerBusy e) {
            throw e;
        } catch (RollcallException e) {
            model.addAttribute("error", messages.problem(e));
            model.addAttribute("errorField", "password");
            return linkPage(token, model);
        }
        return "redirect:/login?passwordSet";
    }

    @PostMapping("/set-password/new-link")
    String requestNewLink(@RequestParam(required = false) String token, Model model) {
        links.requestNewLink(token);
        // The same answer whatever happened, so the page reveals nothing about the token.
        model.addAttribute("requested", true);
        return "set-password-expired";
    }

    private String linkPage(String token, Model model) {
        var state = links.state(token);
        model.addAttribute("token", token);
        // The footer's language choice comes back to this link, not to a page without its token.
        model.addAttribute("here", UriComponentsBuilder.fromPath("/set-password").queryParam("token", token)
            .encode().build().toUriString());
        model.addAttribute("state", state.name());
        if (state != PasswordLinks.LinkState.VALID) {
            return "set-password-expired";
        }
        model.addAttribute("email", links.emailOf(token).orElse(""));
        return "set-password";
    }
}
