package io.rollcall.config;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

import io.rollcall.auth.ApiKeys;
import io.rollcall.auth.ApiTokens;
import io.rollcall.auth.BearerTokenFilter;
import io.rollcall.auth.FreshSignInFilter;
import io.rollcall.auth.PasswordSignIn;
import io.rollcall.auth.PasswordSignInOff;
import io.rollcall.auth.SingleSignOn;
import io.rollcall.auth.SsoLogin;
import io.rollcall.auth.AccountDeactivated;
import io.rollcall.auth.SignInBusy;
import io.rollcall.auth.TooManyAttempts;
import io.rollcall.error.ErrorCode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three doors: SCIM ({@code /scim/**}) and the API ({@code /api/**}) take bearer credentials and keep
 * no session; everything else is the browser's, with form login, a session cookie and CSRF protection,
 * and single sign-on when a provider is configured ({@code spring.security.oauth2.client.registration.*}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        + "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // New hashes are bcrypt-sha256 (any length signs in as typed); older {bcrypt} hashes keep working.
    // Every hash goes through the bulkhead: at most one per core at once (0: the number of cores).
    @Bean
    HashingBulkhead passwordEncoder(@Value("${rollcall.security.hashing-concurrency:0}") int concurrency,
            @Value("${rollcall.security.hashing-wait:5s}") Duration wait) {
        var bcrypt = new DelegatingPasswordEncoder(PrehashedBcrypt.ID,
            Map.of(PrehashedBcrypt.ID, new PrehashedBcrypt(), "bcrypt", new PrehashedBcrypt.Legacy()));
        return new HashingBulkhead(bcrypt,
            concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors(), wait);
    }

    @Bean
    AuthenticationManager authenticationManager(PasswordSignIn signIn) {
        return new ProviderManager(signIn);
    }

    /** SCIM for identity providers: a school's API key, errors in SCIM's own shape, no session. */
    @Bean
    @Order(0)
    SecurityFilterChain scim(HttpSecurity http, ApiTokens tokens, ApiKeys keys, PasswordSignIn signIn) throws Exception {
        return http
            .securityMatcher("/scim/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterBefore(new BearerTokenFilter(tokens, keys, signIn), UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("USER"))
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> scimError(response, 401,
                    "Send a school's API key: Authorization: Bearer <key>"))
                .accessDeniedHandler((request, response, e) -> scimError(response, 403,
                    "You do not have permission to do this")))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")))
            .build();
    }

    private static void scimError(jakarta.servlet.http.HttpServletResponse response, int status, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/scim+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
            + status + "\",\"detail\":\"" + detail + "\"}");
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ApiKeys keys, PasswordSignIn signIn,
            ProblemResponses problems)
            throws Exception {
        return http
            .securityMatcher("/api/**")
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterBefore(new BearerTokenFilter(tokens, keys, signIn), UsernamePasswordAuthenticationFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/v1/tokens", "/api/v1/password/set").permitAll()
                .anyRequest().hasRole("USER"))
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> problems.write(response, ErrorCode.UNAUTHENTICATED,
                    "Sign in first: send Authorization: Bearer <token> (POST /api/v1/tokens gives one)"))
                .accessDeniedHandler((request, response, e) -> problems.write(response, ErrorCode.FORBIDDEN,
                    "You do not have permission to do this")))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")))
            .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, PasswordSignIn signIn, SingleSignOn singleSignOn, SsoLogin ssoLogin,
            ProblemResponses problems) throws Exception {
        if (singleSignOn.enabled()) {
            http.oauth2Login(ssoLogin::configure);
        }
        return http
            // The session keeps who signed in; what they may do is read anew, so a revoked admin loses it at once.
            .addFilterAfter(new FreshSignInFilter(signIn), SecurityContextHolderFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/templates/**", "/actuator/health", "/actuator/health/**", "/v3/api-docs/**",
                    "/swagger-ui/**", "/swagger-ui.html", "/login", "/error", "/css/**", "/js/**", "/img/**",
                    "/favicon.ico", "/set-password", "/set-password/new-link", "/denied", "/language").permitAll()
                .requestMatchers("/setup/**").hasRole("ADMIN")
                .requestMatchers("/schools/**").hasRole("OPERATOR")
                .anyRequest().authenticated())
            // Rollcall's own sign-in page; failures say only "incorrect" or "locked", never which part was wrong.
            .formLogin(form -> form
                .loginPage("/login")
                .usernameParameter("email")
                .failureHandler((request, response, e) -> {
                    if (e instanceof SignInBusy busy) {
                        busy(request, response, busy, problems);
                        return;
                    }
                    response.sendRedirect(request.getContextPath()
                        + (e instanceof TooManyAttempts ? "/login?locked"
                            : e instanceof AccountDeactivated ? "/login?deactivated"
                            : e instanceof PasswordSignInOff ? "/login?passwordOff" : "/login?error"));
                })
                .permitAll())
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
            .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
            .exceptionHandling(errors -> errors.accessDeniedPage("/denied"))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
            .build();
    }

    // Busy is no failure: 503 with Retry-After, the error page for a browser, SERVER_BUSY for anything else.
    private static void busy(HttpServletRequest request, HttpServletResponse response, SignInBusy busy,
            ProblemResponses problems) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, busy.retryAfterSeconds());
        var accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("text/html")) {
            response.sendError(503, busy.getMessage());
        } else {
            problems.write(response, ErrorCode.SERVER_BUSY, busy.getMessage());
        }
    }
}
