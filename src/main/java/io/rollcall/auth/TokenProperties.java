package io.rollcall.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API tokens ({@code rollcall.token.*}).
 *
 * @param lifetime how long a token from POST /api/v1/tokens works (a password change ends it sooner)
 */
@ConfigurationProperties("rollcall.token")
public record TokenProperties(@DefaultValue("12h") Duration lifetime) {
}
