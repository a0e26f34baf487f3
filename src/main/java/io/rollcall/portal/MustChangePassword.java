package io.rollcall.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.auth.CurrentUser;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A person signed in with a temporary (custom) password reaches nothing but the change-password
 * page until they have chosen their own password. Sign-out stays reachable (it is handled before
 * any page).
 */
@Configuration(proxyBeanMethods = false)
class MustChangePassword implements WebMvcConfigurer, HandlerInterceptor {

    static final String PAGE = "/change-password";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/**")
            .excludePathPatterns(PAGE, "/api/**", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error",
                "/templates/**", "/login", "/set-password", "/set-password/**", LanguageController.PATH);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user && user.mustChangePassword()) {
            response.sendRedirect(request.getContextPath() + PAGE);
            return false;
        }
        return true;
    }
}
