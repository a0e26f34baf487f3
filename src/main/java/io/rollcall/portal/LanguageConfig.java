package io.rollcall.portal;

import java.time.Duration;
import java.util.Collections;

import jakarta.servlet.http.HttpServletRequest;

import io.rollcall.school.Languages;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The language of a page: the one chosen in the page footer (a cookie), else the first supported
 * one the browser's Accept-Language asks for, else English.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfig {

    static final String COOKIE = "rollcall-language";

    // The bean name Spring MVC (DispatcherServlet) looks up.
    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver(COOKIE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setRejectInvalidCookies(true);
        resolver.setDefaultLocaleFunction(LanguageConfig::fromBrowser);
        return resolver;
    }

    /** The first supported language the browser asks for, in its order of preference (q values). */
    static java.util.Locale fromBrowser(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return Languages.DEFAULT;
        }
        return Collections.list(request.getLocales()).stream()
            .map(locale -> Languages.parse(locale.toLanguageTag()))
            .flatMap(java.util.Optional::stream)
            .findFirst().orElse(Languages.DEFAULT);
    }
}
