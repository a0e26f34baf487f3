package io.rollcall.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the person signed in to a browser session afresh on every request, as the API does for
 * every token: a revoked admin permission, or a temporary password set by an import, counts from
 * the next request on, not from the next sign-in. A session whose account is gone, or whose
 * password changed since the session signed in (on another device, by a link, by an admin grant),
 * ends. A session a provider signed in ({@link SsoSignIn}) is never sent to change a temporary password.
 */
public class FreshSignInFilter extends OncePerRequestFilter {

    private final PasswordSignIn signIn;

    public FreshSignInFilter(PasswordSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            var context = SecurityContextHolder.createEmptyContext();
            var sso = auth.getDetails() instanceof SsoSignIn;
            var current = signIn.load(user.accountId())
                .filter(now -> now.credentialsVersion() == user.credentialsVersion())
                .map(now -> sso ? now.withoutPasswordChange() : now);
            if (current.isPresent()) {
                context.setAuthentication(PasswordSignIn.authenticated(current.get(), auth.getDetails()));
            } else {
                // The account is gone or its password changed since this session signed in: the session ends.
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
