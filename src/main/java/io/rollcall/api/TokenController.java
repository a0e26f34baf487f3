package io.rollcall.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;
import io.rollcall.auth.ApiTokens;
import io.rollcall.auth.CurrentUser;
import io.rollcall.auth.PasswordSignIn;
import io.rollcall.auth.AccountDeactivated;
import io.rollcall.auth.PasswordSignInOff;
import io.rollcall.auth.TooManyAttempts;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Hands out API tokens for HTTP Basic credentials (the only place Basic is accepted). */
@RestController
@Tag(name = "Tokens")
class TokenController {

    private final PasswordSignIn signIn;
    private final ApiTokens tokens;
    private final AuditLog audit;

    TokenController(PasswordSignIn signIn, ApiTokens tokens, AuditLog audit) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.audit = audit;
    }

    /** Revokes the token the request carries (sign out of the API). */
    @DeleteMapping("/api/v1/tokens/current")
    @Operation(operationId = "revokeToken", summary = "Revoke the token this request carries")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @Problems({401, 403})
    ResponseEntity<Void> revoke(@AuthenticationPrincipal CurrentUser user,
            @RequestHeader(HttpHeaders.AUTHORIZATION) @Parameter(hidden = true) String authorization) {
        if (user.isApiKey()) {
            throw new RollcallException(ErrorCode.FORBIDDEN, "This request carries an API key, not a token: an admin of"
                + " the school revokes it with DELETE /api/v1/schools/{schoolId}/api-keys/{id}");
        }
        tokens.revoke(authorization.substring("Bearer ".length()).trim());
        audit.record(AuditEvent.TOKEN_REVOKED, user.email(), user.email(), null);
        return ResponseEntity.noContent().build();
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    @PostMapping("/api/v1/tokens")
    @Operation(operationId = "createToken", summary = "Get an API token with HTTP Basic (email and password)",
        security = @SecurityRequirement(name = ApiDescription.BASIC))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(
        schema = @Schema(implementation = TokenResponse.class)))
    @Problems({401, 403, 429, 503})
    ResponseEntity<?> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
            @Parameter(hidden = true) String authorization) {
        var credentials = basic(authorization);
        if (credentials == null) {
            return unauthorized("Send your email and password with HTTP Basic authentication");
        }
        try {
            var user = signIn.signIn(credentials[0], credentials[1]);
            if (user.mustChangePassword()) {
                return ApiExceptionHandler.problem(ErrorCode.PASSWORD_CHANGE_REQUIRED,
                    "Sign in at /login and choose your own password first; then ask for a token again");
            }
            if (!user.isAdmin()) {
                return ApiExceptionHandler.problem(ErrorCode.FORBIDDEN,
                    "API tokens are for school admins and operators only");
            }
            var issued = tokens.issue(user);
            audit.record(AuditEvent.TOKEN_ISSUED, user.email(), user.email(), "expires " + issued.expiresAt());
            return ResponseEntity.status(HttpStatus.CREATED).body(new TokenResponse(issued.token(), issued.expiresAt()));
        } catch (TooManyAttempts e) {
            var problem = ApiExceptionHandler.problem(ErrorCode.TOO_MANY_ATTEMPTS, e.getMessage());
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds() + 1)))
                .body(problem.getBody());
        } catch (BadCredentialsException | AccountDeactivated | PasswordSignInOff e) {
            return unauthorized(e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> unauthorized(String detail) {
        var response = ApiExceptionHandler.problem(ErrorCode.UNAUTHENTICATED, detail);
        return ResponseEntity.status(response.getStatusCode())
            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Rollcall\", charset=\"UTF-8\"")
            .contentType(response.getHeaders().getContentType())
            .body(response.getBody());
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            var decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
