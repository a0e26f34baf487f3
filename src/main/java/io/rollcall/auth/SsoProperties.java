package io.rollcall.auth;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of single sign-on ({@code rollcall.sso.*}); the providers themselves are Spring's
 * {@code spring.security.oauth2.client.registration.*}.
 *
 * @param passwordLogin false: only operators sign in with a password (form and API tokens); everyone
 *        else uses a provider's button
 * @param providers per registration id, how far Rollcall trusts that provider
 */
@ConfigurationProperties("rollcall.sso")
public record SsoProperties(@DefaultValue("true") boolean passwordLogin, Map<String, Provider> providers) {

    public SsoProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** Whether the provider's {@code email} claim counts without {@code email_verified} (Entra ID sends none). */
    boolean trustsUnverifiedEmail(String registrationId) {
        var provider = providers.get(registrationId);
        return provider != null && provider.trustUnverifiedEmail();
    }

    /**
     * @param trustUnverifiedEmail accept the {@code email} claim without {@code email_verified: true}: only for an
     *        issuer that lets no one choose their own address, as a school's own Entra ID tenant
     */
    public record Provider(@DefaultValue("false") boolean trustUnverifiedEmail) {
    }
}
