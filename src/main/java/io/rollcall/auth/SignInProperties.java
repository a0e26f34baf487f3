package io.rollcall.auth;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password sign-in limits and password hashing ({@code rollcall.security.*}).
 *
 * @param maxFailuresPerAddress failed sign-ins from one client address, within 15 minutes, after which
 *        that address is refused for 15 minutes (one account locks after 10)
 * @param hashingConcurrency password hashes computed at once (bcrypt takes a core each); 0 means one per
 *        core, so that sign-ins never take every core from page requests
 * @param hashingQueue requests that may wait for a place to hash at once; one more is answered 503
 *        SERVER_BUSY with Retry-After at once (the waiting hold request threads, which pages need too)
 * @param hashingWait how long a request waits for a place to hash; then it is answered 503 SERVER_BUSY
 *        with Retry-After
 */
@Validated
@ConfigurationProperties("rollcall.security")
public record SignInProperties(@DefaultValue("100") @Positive int maxFailuresPerAddress,
        @DefaultValue("0") @PositiveOrZero int hashingConcurrency,
        @DefaultValue("100") @Positive int hashingQueue,
        @DefaultValue("20s") Duration hashingWait) {
}
