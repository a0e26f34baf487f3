package io.rollcall.config;

import java.io.IOException;
import java.util.LinkedHashMap;

import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.error.ErrorCode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details outside Spring MVC (security filters). */
@Component
class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        write(response, code.status(), code, detail);
    }

    /** A problem with the HTTP status as it was raised (the code's own status may be a different 4xx). */
    void write(HttpServletResponse response, int statusCode, ErrorCode code, String detail) throws IOException {
        var status = HttpStatus.resolve(statusCode) == null ? HttpStatus.valueOf(code.status())
            : HttpStatus.valueOf(statusCode);
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "/problems/" + code.slug());
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code.name());
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        if (code == ErrorCode.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Rollcall\"");
        }
        json.writeValue(response.getOutputStream(), body);
    }
}
