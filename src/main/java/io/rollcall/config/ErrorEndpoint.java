package io.rollcall.config;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.error.ErrorCode;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers the errors raised before any controller (a query the container cannot parse, a URL the
 * firewall refuses, an upload over the limit, a filter's refusal): a problem detail with a
 * {@code code} for the API, the error page for browsers. Never a stack trace.
 */
@Controller
class ErrorEndpoint implements ErrorController {

    private final ProblemResponses problems;

    ErrorEndpoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = statusOf(request);
        var uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        var message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        // A server fault's own message may name internals: people get the plain description.
        var detail = message == null || message.isBlank() || status >= 500 ? describe(status) : message;
        if (uri.startsWith(request.getContextPath() + "/api/") || !wantsHtml(request)) {
            problems.write(response, status, ErrorCode.ofStatus(status), detail);
            return null;
        }
        response.setStatus(status);
        return new ModelAndView("error", Map.of("status", status, "message", detail, "explanation", explanation(status)));
    }

    // The page's sentence for the status in the reader's language (messages.properties), where the
    // English detail is not shown.
    private static String explanation(int status) {
        return switch (status) {
            case 400 -> "error.unreadable";
            case 404 -> "error.no-page";
            case 413 -> "error.too-large";
            case 429 -> "error.too-many-uploads";
            case 503 -> "error.busy-later";
            default -> "error.could-not-show";
        };
    }

    private static int statusOf(HttpServletRequest request) {
        var exception = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (var cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidParameterException) {
                return 400;
            }
        }
        var status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code && code >= 400 ? code : 500;
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        var accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (its address, query or body could not be read)";
            case 404 -> "There is nothing at this address";
            case 405 -> "This method is not allowed here";
            case 413 -> "The request is larger than the upload limit";
            case 500 -> "Something went wrong on our side";
            case 503 -> "Rollcall is busy right now. Try again in a few seconds.";
            default -> {
                var known = HttpStatus.resolve(status);
                yield known == null ? "The request could not be served" : known.getReasonPhrase();
            }
        };
    }
}
