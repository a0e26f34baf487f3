package io.rollcall.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in API requests that carry {@code Authorization: Bearer <token>}, where the token is a
 * 12-hour token of a person or a school's API key. A request without a live one stays anonymous,
 * and the API then answers 401.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final ApiKeys keys;
    private final PasswordSignIn signIn;

    public BearerTokenFilter(ApiTokens tokens, ApiKeys keys, PasswordSignIn signIn) {
        this.tokens = tokens;
        this.keys = keys;
        this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            var token = header.substring(PREFIX.length()).trim();
            if (!token.isEmpty() && token.length() < 200) {
                // A token issued before the latest password change has ended with it; a key lives until revoked.
                // A token's random text may begin like a key (1 in 262,144): a miss among keys looks among tokens.
                var signedIn = (ApiKeys.looksLikeKey(token) ? keys.signIn(token, request.getRemoteAddr())
                        : java.util.Optional.<CurrentUser>empty())
                    .or(() -> tokens.ownerOf(token).flatMap(owner -> signIn.load(owner.accountId())
                        .filter(user -> user.credentialsVersion() == owner.credentialsVersion())));
                signedIn.ifPresent(user -> {
                        var context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(PasswordSignIn.authenticated(user));
                        SecurityContextHolder.setContext(context);
                    });
            }
        }
        chain.doFilter(request, response);
    }
}
