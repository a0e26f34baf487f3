package io.rollcall.api;

import io.rollcall.account.PasswordLinks;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Setting a password with the single-use link of a welcome email (no sign-in needed). */
@RestController
class PasswordController {

    private final PasswordLinks links;

    PasswordController(PasswordLinks links) {
        this.links = links;
    }

    record SetPassword(String token, String password) {
    }

    @PostMapping("/api/v1/password/set")
    ResponseEntity<Void> set(@RequestBody SetPassword body) {
        links.setPassword(body.token(), body.password());
        return ResponseEntity.noContent().build();
    }
}
