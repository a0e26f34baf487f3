package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** Settings that would trust a provider more than meant stop Rollcall at start-up. */
class SsoSettingsTest {

    private static SingleSignOn withGoogleAnd(Map<String, SsoProperties.Provider> providers) {
        var google = ClientRegistration.withRegistrationId("google").clientId("client").clientSecret("secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "email")
            .authorizationUri("https://accounts.example.com/auth").tokenUri("https://accounts.example.com/token")
            .build();
        var beans = new StaticListableBeanFactory(Map.of("registrations", new InMemoryClientRegistrationRepository(google)));
        return new SingleSignOn(beans.getBeanProvider(ClientRegistrationRepository.class), null, null,
            new SsoProperties(true, providers));
    }

    @Test
    void settingsForAProviderThatIsNotConfiguredStopTheStart() {
        assertThatThrownBy(() -> withGoogleAnd(Map.of("gogle", new SsoProperties.Provider(false, List.of("school.org"))))
            .afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("rollcall.sso.providers.gogle names no provider");
    }

    @Test
    void trustingUnverifiedEmailsWithoutDomainsStopsTheStart() {
        assertThatThrownBy(() -> withGoogleAnd(Map.of("google", new SsoProperties.Provider(true, List.of())))
            .afterPropertiesSet()).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("trust-unverified-email needs rollcall.sso.providers.google.email-domains");
        assertThatCode(() -> withGoogleAnd(Map.of("google", new SsoProperties.Provider(true, List.of("school.org"))))
            .afterPropertiesSet()).doesNotThrowAnyException();
    }
}
