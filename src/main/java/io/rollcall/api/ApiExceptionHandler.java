package io.rollcall.api;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;
import io.rollcall.error.ServerBusy;
import io.rollcall.importing.parse.FileRejected;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an API request into an RFC 9457 problem with a contract {@code code};
 * nobody ever sees a stack trace or SQL. Unexpected failures carry a log id to quote.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static ResponseEntity<ProblemDetail> problem(ErrorCode code, String detail) {
        var status = HttpStatus.valueOf(code.status());
        var body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create("/problems/" + code.slug()));
        body.setTitle(status.getReasonPhrase());
        body.setProperty("code", code.name());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(FileRejected e) {
        var response = problem(e.code(), e.getMessage());
        if (e.code() == ErrorCode.MISSING_FIELDS) {
            response.getBody().setProperty("missingFields", e.missingFields());
            response.getBody().setProperty("foundFields", e.foundFields());
        }
        return response;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(RollcallException e) {
        var problem = problem(e.code(), e.getMessage());
        if (e instanceof ServerBusy busy) {
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, busy.retryAfterSeconds()).body(problem.getBody());
        }
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpMessageNotReadableException e) {
        return problem(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON of the expected shape");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(MissingServletRequestPartException e) {
        return problem(ErrorCode.MISSING_PART, "The request has no part named \"" + e.getRequestPartName() + "\"");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(MaxUploadSizeExceededException e) {
        return problem(ErrorCode.FILE_TOO_LARGE, "The file is larger than the upload limit");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(MultipartException e) {
        return problem(ErrorCode.MISSING_PART, "The request is not a readable multipart/form-data upload with a file part");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpMediaTypeNotSupportedException e) {
        return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content type " + e.getContentType()
            + " is not supported here; use " + e.getSupportedMediaTypes());
    }

    // The problem itself is written as application/problem+json whatever the Accept header asked for.
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpMediaTypeNotAcceptableException e) {
        return problem(ErrorCode.NOT_ACCEPTABLE, "The requested response type is not available; this answers "
            + "application/json (and text/csv for failed rows)");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(HttpRequestMethodNotSupportedException e, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        var allowed = e.getSupportedHttpMethods() == null ? "" : String.join(", ",
            e.getSupportedHttpMethods().stream().map(Object::toString).sorted().toList());
        response.setHeader(HttpHeaders.ALLOW, allowed);
        if (!isApi(request)) {
            response.sendError(405);
            return null;
        }
        return ResponseEntity.status(405).header(HttpHeaders.ALLOW, allowed)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem(ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here; use "
                + allowed).getBody());
    }

    // The container refused to read the query (an empty parameter name, a broken %-escape...).
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(InvalidParameterException e) {
        return problem(ErrorCode.INVALID_REQUEST, "The query string is malformed: every parameter needs a name, "
            + "and % must start a valid escape");
    }

    // Browsers asking for a page that is not there get the error page, not JSON.
    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
        MethodArgumentNotValidException.class, HandlerMethodValidationException.class})
    ResponseEntity<ProblemDetail> onBadParameter(Exception e) {
        var detail = "The request is not valid";
        if (e instanceof MissingServletRequestParameterException m) {
            detail = "Parameter " + m.getParameterName() + " is required";
        } else if (e instanceof MethodArgumentTypeMismatchException m) {
            detail = "Parameter " + m.getName() + " has an invalid value";
        } else if (e instanceof MethodArgumentNotValidException m) {
            detail = m.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse(detail);
        }
        return problem(ErrorCode.INVALID_REQUEST, detail);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(NoResourceFoundException e, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (!isApi(request)) {
            response.sendError(404);
            return null;
        }
        return problem(ErrorCode.NOT_FOUND, "There is nothing at " + e.getResourcePath());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(AccessDeniedException e) {
        return problem(ErrorCode.FORBIDDEN, "You do not have permission to do this");
    }

    // The client went away (a load balancer's health check, a closed tab): nobody to answer, nothing wrong here.
    @ExceptionHandler
    void on(AsyncRequestNotUsableException e) {
        log.debug("The client closed the connection: {}", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(Exception e) {
        var logId = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error (log id {})", logId, e);
        return problem(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side (log id " + logId + ")");
    }
}
