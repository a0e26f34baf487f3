package io.rollcall.scim;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A SCIM request body is one User or one PATCH: at most {@value #MAX_BYTES} bytes. A larger one is
 * 413 before anything reads it (by its Content-Length), or as soon as reading passes the limit.
 */
@Configuration(proxyBeanMethods = false)
class ScimBodyLimit {

    static final int MAX_BYTES = 1024 * 1024;

    /** The body went past the limit while it was read. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("The request body is larger than " + MAX_BYTES + " bytes");
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> scimBodyLimitFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Filter());
        registration.addUrlPatterns(ScimController.BASE + "/*");
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > MAX_BYTES) {
                response.setStatus(413);
                response.setContentType(ScimController.SCIM_JSON);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"schemas\":[\"" + ScimController.ERROR + "\"],\"status\":\"413\",\"detail\":\""
                    + new TooLarge().getMessage() + "\"}");
                return;
            }
            chain.doFilter(new Capped(request), response);
        }
    }

    // Counts what is read of a body that came without a length (chunked).
    private static final class Capped extends HttpServletRequestWrapper {

        Capped(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            var in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > MAX_BYTES) {
                        throw new TooLarge();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > MAX_BYTES) {
                        throw new TooLarge();
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
