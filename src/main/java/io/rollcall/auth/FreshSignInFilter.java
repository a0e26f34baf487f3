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
 * the next request on, not from the next sign-in. A session whose account is gone is anonymous.
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
            signIn.load(user.accountId()).ifPresent(now -> context.setAuthentication(PasswordSignIn.authenticated(now)));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
