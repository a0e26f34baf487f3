package io.rollcall.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Refused password sign-ins, for {@code /actuator/prometheus}: {@code rollcall_sign_in_failures_total{reason}}
 * and {@code rollcall_sign_in_lockouts_total}. A rise in either is someone guessing, or a broken script.
 */
@Component
class SignInMetrics {

    private final Counter badCredentials;
    private final Counter deactivated;
    private final Counter passwordLoginOff;
    private final Counter lockouts;

    SignInMetrics(MeterRegistry registry) {
        this.badCredentials = failures(registry, "bad_credentials");
        this.deactivated = failures(registry, "deactivated");
        this.passwordLoginOff = failures(registry, "password_login_off");
        this.lockouts = Counter.builder("rollcall.sign.in.lockouts")
            .description("Sign-ins refused because the account or the client address is locked").register(registry);
    }

    private static Counter failures(MeterRegistry registry, String reason) {
        return Counter.builder("rollcall.sign.in.failures").tag("reason", reason)
            .description("Refused password sign-ins (the form and token requests)").register(registry);
    }

    void badCredentials() {
        badCredentials.increment();
    }

    void deactivated() {
        deactivated.increment();
    }

    void passwordLoginOff() {
        passwordLoginOff.increment();
    }

    void locked() {
        lockouts.increment();
    }
}
