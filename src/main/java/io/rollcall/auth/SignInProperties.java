package io.rollcall.auth;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password sign-in limits ({@code rollcall.security.*}).
 *
 * @param maxFailuresPerAddress failed sign-ins from one client address, within 15 minutes, after which
 *        that address is refused for 15 minutes (one account locks after 10)
 */
@Validated
@ConfigurationProperties("rollcall.security")
public record SignInProperties(@DefaultValue("100") @Positive int maxFailuresPerAddress) {
}
