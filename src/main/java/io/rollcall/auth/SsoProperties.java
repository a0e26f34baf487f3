package io.rollcall.auth;

import java.util.List;
import java.util.Locale;
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

    /** Whether the provider may vouch for that (lower-case) email: any, unless its email domains are listed. */
    boolean vouchesFor(String registrationId, String email) {
        var provider = providers.get(registrationId);
        if (provider == null || provider.emailDomains().isEmpty()) {
            return true;
        }
        var domain = email.substring(email.lastIndexOf('@') + 1);
        return provider.emailDomains().stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(domain));
    }

    /**
     * @param trustUnverifiedEmail accept the {@code email} claim without {@code email_verified} (never with
     *        {@code false}): only for an issuer that lets no one choose their own address, as a school's own
     *        Entra ID tenant
     * @param emailDomains if set, the only domains whose accounts this provider signs in ({@code school.example.org});
     *        a school's tenant then cannot vouch for another school's people or the operators
     */
    public record Provider(@DefaultValue("false") boolean trustUnverifiedEmail, List<String> emailDomains) {

        public Provider {
            emailDomains = emailDomains == null ? List.of() : List.copyOf(emailDomains);
        }
    }
}
