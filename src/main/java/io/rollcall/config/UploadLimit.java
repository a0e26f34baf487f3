package io.rollcall.config;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.error.ErrorCode;

import io.rollcall.importing.ImportProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code rollcall.import.max-concurrent-uploads} uploads are received at once by this
 * instance; one more gets 429 TOO_MANY_UPLOADS with Retry-After, and nothing of it is stored. Runs
 * right after Spring Security, so that only a signed-in admin's upload takes a place, and before
 * Spring MVC reads the API's multipart body. (The portal's form carries its CSRF token in that
 * body, so there the container has read it already; the limit still keeps it out of the database.)
 */
@Configuration(proxyBeanMethods = false)
class UploadLimit {

    static final String RETRY_AFTER_SECONDS = "10";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadLimitFilter(
            ImportProperties imports, ProblemResponses problems) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Filter(imports.maxConcurrentUploads(),
            problems));
        registration.addUrlPatterns("/api/v1/imports", "/setup/create-users");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private final Semaphore places;
        private final ProblemResponses problems;

        Filter(int maxConcurrentUploads, ProblemResponses problems) {
            this.places = new Semaphore(Math.max(1, maxConcurrentUploads));
            this.problems = problems;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!places.tryAcquire()) {
                var detail = "More uploads are being received right now than Rollcall takes at once; nothing of this"
                    + " one was stored. Upload it again in a few seconds";
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                    problems.write(response, ErrorCode.TOO_MANY_UPLOADS, detail);
                } else {
                    response.sendError(429, detail);
                }
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                places.release();
            }
        }
    }
}
