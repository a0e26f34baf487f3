package io.rollcall.auth;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Spring Security's OAuth2 login, made Rollcall's: the provider's person is checked by
 * {@link SingleSignOn} while the login completes, and the session then holds the same
 * {@link CurrentUser} a password sign-in gives. A refusal signs no one in and lands on the login
 * page, which says why ({@code /login?sso=unknown}, {@code ?sso=unverified}, {@code ?deactivated}).
 */
@Component
public class SsoLogin {

    /** The session attribute with the email a provider gave for a refused sign-in, for the login page to show. */
    public static final String REFUSED_EMAIL = "io.rollcall.auth.SsoLogin.refusedEmail";

    private final SingleSignOn singleSignOn;
    private final OidcUserService oidcUsers = new OidcUserService();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();

    SsoLogin(SingleSignOn singleSignOn) {
        this.singleSignOn = singleSignOn;
    }

    /** Rollcall's login page, person check, session and failure pages for {@code http.oauth2Login(...)}. */
    public void configure(OAuth2LoginConfigurer<HttpSecurity> login) {
        login.loginPage("/login")
            .userInfoEndpoint(info -> info.oidcUserService(this::loadUser))
            .successHandler(this::succeeded)
            .failureHandler(this::failed);
    }

    // Runs inside the login: a refusal here is an authentication failure, so nothing is signed in.
    private OidcUser loadUser(OidcUserRequest request) {
        var person = oidcUsers.loadUser(request);
        var user = singleSignOn.signIn(request.getClientRegistration().getRegistrationId(), person);
        return new Person(person, user);
    }

    private void succeeded(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        var token = (OAuth2AuthenticationToken) authentication;
        var user = ((Person) token.getPrincipal()).user;
        // Replace the provider's token with Rollcall's own, as a password sign-in leaves it.
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SingleSignOn.authenticated(user, token.getAuthorizedClientRegistrationId()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().removeAttribute(REFUSED_EMAIL);
        landing.onAuthenticationSuccess(request, response, context.getAuthentication());
    }

    private void failed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        var page = "/login?sso=failed";
        if (e instanceof SsoRefused refused) {
            request.getSession().setAttribute(REFUSED_EMAIL, refused.email());
            page = refused.reason() == SsoRefused.Reason.DEACTIVATED ? "/login?deactivated"
                : "/login?sso=" + refused.reason().page();
        }
        response.sendRedirect(request.getContextPath() + page);
    }

    /** The provider's person, with whom Rollcall signs in, for the moment between the two. */
    private static final class Person extends DefaultOidcUser {

        private final transient CurrentUser user;

        Person(OidcUser person, CurrentUser user) {
            super(person.getAuthorities(), person.getIdToken(), person.getUserInfo());
            this.user = user;
        }
    }
}
