package io.rollcall.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rollcall.account.AccountRepository;
import io.rollcall.audit.AuditEvent;
import io.rollcall.audit.AuditLog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Sign-in with an OpenID Connect provider. The provider's {@code email} claim, verified by it
 * ({@code email_verified: true}, or a provider trusted with {@code rollcall.sso.providers.<id>.trust-unverified-email}),
 * must name an existing, active account (at one of the provider's {@code email-domains}, when
 * listed): signing in never creates one. The person signed in is
 * the same {@link CurrentUser} a password gives, except that a temporary password does not force a
 * change. Every outcome is audited.
 */
@Component
public class SingleSignOn implements org.springframework.beans.factory.InitializingBean {

    /** A provider's button on the login page. */
    public record Provider(String registrationId, String name) {
    }

    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final SsoProperties properties;

    SingleSignOn(ObjectProvider<ClientRegistrationRepository> registrations, AccountRepository accounts, AuditLog audit,
            SsoProperties properties) {
        this.registrations = registrations;
        this.accounts = accounts;
        this.audit = audit;
        this.properties = properties;
    }

    /**
     * Refuses to start on settings that would trust more than meant: a {@code rollcall.sso.providers}
     * entry that names no registration (a typo would leave the real provider unrestricted), and
     * {@code trust-unverified-email} without {@code email-domains} (a tenant's administrators could
     * then vouch for any account, an operator's too).
     */
    @Override
    public void afterPropertiesSet() {
        var ids = providers().stream().map(Provider::registrationId).toList();
        properties.providers().forEach((id, provider) -> {
            if (!ids.contains(id)) {
                throw new IllegalStateException("rollcall.sso.providers." + id + " names no provider: there is no"
                    + " spring.security.oauth2.client.registration." + id);
            }
            if (provider.trustUnverifiedEmail() && provider.emailDomains().isEmpty()) {
                throw new IllegalStateException("rollcall.sso.providers." + id + ".trust-unverified-email needs"
                    + " rollcall.sso.providers." + id + ".email-domains: the provider's administrators could otherwise"
                    + " sign in as any account");
            }
        });
    }

    /** Whether any provider is configured; without one there is no single sign-on at all. */
    public boolean enabled() {
        return registrations.getIfAvailable() != null;
    }

    /** The configured providers, in the order of the properties; empty when there are none. */
    public List<Provider> providers() {
        var providers = new ArrayList<Provider>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (var registration : all) {
                if (registration instanceof ClientRegistration client) {
                    providers.add(new Provider(client.getRegistrationId(), client.getClientName()));
                }
            }
        }
        return providers;
    }

    /** Whether the password form is for everyone ({@code rollcall.sso.password-login}, on by default). */
    public boolean passwordLogin() {
        return properties.passwordLogin();
    }

    /**
     * The account the provider's person has in Rollcall.
     *
     * @throws SsoRefused for no email, an unverified email, one outside the provider's domains, an email no
     *         account uses, or a deactivated account
     */
    public CurrentUser signIn(String registrationId, OidcUser person) {
        var email = Optional.ofNullable(person.getEmail()).map(e -> e.trim().toLowerCase(Locale.ROOT)).orElse("");
        // A trusted provider's missing email_verified counts as verified; an explicit false never does.
        var claimed = person.getEmailVerified();
        var verified = Boolean.TRUE.equals(claimed) || claimed == null && properties.trustsUnverifiedEmail(registrationId);
        if (email.isEmpty() || !verified) {
            throw refused(SsoRefused.Reason.UNVERIFIED_EMAIL, registrationId, email,
                email.isEmpty() ? "no email" : "unverified email");
        }
        if (!properties.vouchesFor(registrationId, email)) {
            throw refused(SsoRefused.Reason.FOREIGN_DOMAIN, registrationId, email, "email outside the provider's domains");
        }
        var credentials = accounts.credentials(email)
            .orElseThrow(() -> refused(SsoRefused.Reason.UNKNOWN_EMAIL, registrationId, email, "unknown email"));
        if (credentials.deactivated()) {
            throw refused(SsoRefused.Reason.DEACTIVATED, registrationId, email, "account deactivated");
        }
        var user = PasswordSignIn.signedIn(credentials).withoutPasswordChange();
        audit.record(AuditEvent.SIGN_IN, user.email(), user.email(), "sso " + registrationId);
        return user;
    }

    private SsoRefused refused(SsoRefused.Reason reason, String registrationId, String email, String why) {
        audit.record(AuditEvent.SIGN_IN_FAILED, email, email, "sso " + registrationId + ": " + why);
        return new SsoRefused(reason, email);
    }

    /** The session's authentication for a person signed in with that provider. */
    public static Authentication authenticated(CurrentUser user, String registrationId) {
        return PasswordSignIn.authenticated(user, new SsoSignIn(registrationId));
    }
}
