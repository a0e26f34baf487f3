package io.rollcall.portal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.error.ServerBusy;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * What every portal controller shares: who is signed in, and failures answered as pages (a
 * controller's own handlers come before the API's problem-details advice, which would otherwise
 * answer browsers with JSON). People see a message and a log id, never a stack trace.
 */
abstract class PortalPage {

    private static final Logger log = LoggerFactory.getLogger(PortalPage.class);

    // Field injection: every portal controller has it, without a constructor parameter of its own.
    @org.springframework.beans.factory.annotation.Autowired
    PortalMessages messages;

    static RollcallException notFound() {
        return new RollcallException(ErrorCode.NOT_FOUND, "This page does not exist, or you do not have access to it.");
    }

    // Exception handlers get a fresh model without PortalModel's attributes; the page still needs
    // the header with Sign out and the navigation.
    private static String errorPage(Model model, HttpServletResponse response, int status, String title,
            String message) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            model.addAttribute("me", user);
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "error-page";
    }

    @ExceptionHandler
    String on(RollcallException e, Model model, HttpServletResponse response) {
        if (e instanceof ServerBusy busy) {
            response.setHeader("Retry-After", busy.retryAfterSeconds());
            return errorPage(model, response, 503, messages.text("error.busy"), messages.problem(e));
        }
        // The contract's status for the code; a code of a server fault still reads as a refused request here.
        var status = e.code().status() >= 400 && e.code().status() < 500 ? e.code().status() : 400;
        return errorPage(model, response, status,
            messages.text(status == 403 ? "error.not-allowed" : status == 404 ? "error.not-found" : "error.did-not-work"),
            messages.problem(e));
    }

    @ExceptionHandler
    String on(MaxUploadSizeExceededException e, Model model, HttpServletResponse response) {
        return errorPage(model, response, 413, messages.text("error.too-large.title"), messages.text("error.too-large"));
    }

    // An address or form the page cannot read: a parameter missing, of the wrong type, or a malformed query.
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
        InvalidParameterException.class, MissingServletRequestPartException.class, MultipartException.class})
    String onBadRequest(Exception e, Model model, HttpServletResponse response) {
        return errorPage(model, response, 400, messages.text("error.did-not-work"), messages.text("error.unreadable"));
    }

    @ExceptionHandler
    String on(Exception e, Model model, HttpServletResponse response) {
        var logId = UUID.randomUUID().toString().substring(0, 8);
        log.error("portal page failed [{}]", logId, e);
        return errorPage(model, response, 500, messages.text("error.went-wrong"), messages.text("error.internal", logId));
    }
}
