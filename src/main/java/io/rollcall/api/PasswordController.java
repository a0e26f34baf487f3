package io.rollcall.api;

import io.rollcall.account.PasswordLinks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Setting a password with the single-use link of a welcome email (no sign-in needed). */
@RestController
@Tag(name = "Passwords")
class PasswordController {

    private final PasswordLinks links;

    PasswordController(PasswordLinks links) {
        this.links = links;
    }

    record SetPassword(String token, String password) {
    }

    @PostMapping("/api/v1/password/set")
    @Operation(operationId = "setPassword", summary = "Set a password with a welcome email's single-use link token")
    @ApiResponse(responseCode = "204", description = "Set")
    @Problems({400, 415, 503})
    @SecurityRequirements // none: the link's token is the credential
    ResponseEntity<Void> set(@RequestBody SetPassword body) {
        links.setPassword(body.token(), body.password());
        return ResponseEntity.noContent().build();
    }
}
