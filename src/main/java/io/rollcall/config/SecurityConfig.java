package io.rollcall.config;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
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
import io.rollcall.auth.SignInProperties;
import io.rollcall.auth.TooManyAttempts;
import io.rollcall.error.ErrorCode;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Four doors: SCIM ({@code /scim/**}), the API ({@code /api/**}) and the actuator ({@code /actuator/**})
 * take bearer credentials and keep no session; everything else is the browser's, with form login, a
 * session cookie and CSRF protection, and single sign-on when a provider is configured
 * ({@code spring.security.oauth2.client.registration.*}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        + "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // New hashes are bcrypt-sha256 (any length signs in as typed); older {bcrypt} hashes keep working.
    // Every hash goes through the bulkhead: at most one per core at once (0: the number of cores).
    @Bean
    HashingBulkhead passwordEncoder(SignInProperties properties, MeterRegistry registry) {
        int concurrency = properties.hashingConcurrency();
        var bcrypt = new DelegatingPasswordEncoder(PrehashedBcrypt.ID,
            Map.of(PrehashedBcrypt.ID, new PrehashedBcrypt(), "bcrypt", new PrehashedBcrypt.Legacy()));
        return new HashingBulkhead(bcrypt,
            concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors(), properties.hashingQueue(),
            properties.hashingWait(), registry);
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
            .addFilterAfter(new LogFieldsFilter(), AuthorizationFilter.class)
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
        return bearerOnly(http.securityMatcher("/api/**"), tokens, keys, signIn, problems,
                "Sign in first: send Authorization: Bearer <token> (POST /api/v1/tokens gives one)",
                "You do not have permission to do this")
            .authorizeHttpRequests(auth -> auth
                .requestMatchers(HttpMethod.POST, "/api/v1/tokens", "/api/v1/password/set").permitAll()
                .anyRequest().hasRole("USER"))
            .build();
    }

    /**
     * The probes are public and say only UP or DOWN (details for operators); the metrics and anything else
     * the actuator serves are for operators, unless the actuator has a port of its own
     * ({@code management.server.port}), which only the monitoring network should reach.
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http, ApiTokens tokens, ApiKeys keys, PasswordSignIn signIn,
            ProblemResponses problems, Environment environment) throws Exception {
        boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        return bearerOnly(http.securityMatcher(EndpointRequest.toAnyEndpoint()), tokens, keys, signIn, problems,
                "Send an operator's token: Authorization: Bearer <token> (POST /api/v1/tokens gives one)",
                "Only operators may read this")
            .authorizeHttpRequests(auth -> {
                auth.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
                if (ownPort) {
                    auth.requestMatchers(EndpointRequest.to(PrometheusScrapeEndpoint.class)).permitAll();
                }
                auth.anyRequest().hasRole("OPERATOR");
            })
            .build();
    }

    // The API's and the actuator's door: a token or key per request, no session, refusals as problem details.
    private static HttpSecurity bearerOnly(HttpSecurity http, ApiTokens tokens, ApiKeys keys, PasswordSignIn signIn,
            ProblemResponses problems, String unauthenticated, String forbidden) throws Exception {
        return http
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterBefore(new BearerTokenFilter(tokens, keys, signIn), UsernamePasswordAuthenticationFilter.class)
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint((request, response, e) -> problems.write(response, ErrorCode.UNAUTHENTICATED,
                    unauthenticated))
                .accessDeniedHandler((request, response, e) -> problems.write(response, ErrorCode.FORBIDDEN, forbidden)))
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("frame-ancestors 'none'")))
            .addFilterAfter(new LogFieldsFilter(), AuthorizationFilter.class);
    }

    @Bean
    @Order(3)
    SecurityFilterChain web(HttpSecurity http, PasswordSignIn signIn, SingleSignOn singleSignOn, SsoLogin ssoLogin,
            ProblemResponses problems) throws Exception {
        if (singleSignOn.enabled()) {
            http.oauth2Login(ssoLogin::configure);
        }
        return http
            // The session keeps who signed in; what they may do is read anew, so a revoked admin loses it at once.
            .addFilterAfter(new FreshSignInFilter(signIn), SecurityContextHolderFilter.class)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/templates/**", "/v3/api-docs/**",
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
            .addFilterAfter(new LogFieldsFilter(), AuthorizationFilter.class)
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
