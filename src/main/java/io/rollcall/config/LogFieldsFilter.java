package io.rollcall.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.CurrentUser;
import io.rollcall.logging.LogFields;

import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who a request is for, in the logging context of everything it logs once signed in: the account id
 * ({@code user.id}), or the API key and its school. Never the email. The last filter of each security
 * chain: by then the session, token or key has signed the request in.
 */
final class LogFieldsFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            if (user.isApiKey()) {
                MDC.put(LogFields.API_KEY_ID, user.apiKey().id());
                MDC.put(LogFields.SCHOOL_ID, user.apiKey().schoolId());
            } else {
                MDC.put(LogFields.USER_ID, String.valueOf(user.accountId()));
            }
        }
        try {
            chain.doFilter(request, response);
        } finally {
            LogFields.clear();
        }
    }
}
