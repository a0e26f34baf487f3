package io.rollcall.portal;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.CurrentUser;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.importing.Uploader;

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

    static Uploader uploader(CurrentUser user) {
        return new Uploader(user.accountId(), user.operator(), user.adminSchools());
    }

    static RollcallException notFound() {
        return new RollcallException(ErrorCode.NOT_FOUND, "This page does not exist, or you do not have access to it.");
    }

    // Exception handlers get a fresh model without PortalModel's attributes; the page still needs
    // the header with Sign out and the navigation.
    private static void signedIn(Model model) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            model.addAttribute("me", user);
        }
    }

    @ExceptionHandler
    String on(RollcallException e, Model model, HttpServletResponse response) {
        signedIn(model);
        // The contract's status for the code; a code of a server fault still reads as a refused request here.
        var status = e.code().status() >= 400 && e.code().status() < 500 ? e.code().status() : 400;
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("title", status == 403 ? "Not allowed" : status == 404 ? "Not found" : "That did not work");
        model.addAttribute("message", e.getMessage());
        return "error-page";
    }

    @ExceptionHandler
    String on(MaxUploadSizeExceededException e, Model model, HttpServletResponse response) {
        signedIn(model);
        response.setStatus(413);
        model.addAttribute("status", 413);
        model.addAttribute("title", "File too large");
        model.addAttribute("message", "The file is larger than the upload limit. Split it into smaller files.");
        return "error-page";
    }

    // An address or form the page cannot read: a parameter missing, of the wrong type, or a malformed query.
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
        InvalidParameterException.class, MissingServletRequestPartException.class, MultipartException.class})
    String onBadRequest(Exception e, Model model, HttpServletResponse response) {
        signedIn(model);
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("title", "That did not work");
        model.addAttribute("message", "This address or form is not complete or not readable. Go back and try again.");
        return "error-page";
    }

    @ExceptionHandler
    String on(Exception e, Model model, HttpServletResponse response) {
        signedIn(model);
        var logId = UUID.randomUUID().toString().substring(0, 8);
        log.error("portal page failed [{}]", logId, e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        model.addAttribute("title", "Something went wrong");
        model.addAttribute("message", "Rollcall could not finish this. Quote log id " + logId
            + " to your account manager if it happens again.");
        return "error-page";
    }
}
