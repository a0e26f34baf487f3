package io.rollcall.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.rollcall.school.Languages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The page footer's language choice: remembered in a cookie, then back to the page it was made on.
 * A plain form, so it works without JavaScript; it returns only to a path of this site.
 */
@Controller
class LanguageController {

    static final String PATH = "/language";

    private final LocaleResolver locales;

    LanguageController(LocaleResolver locales) {
        this.locales = locales;
    }

    @PostMapping(PATH)
    RedirectView choose(@RequestParam(defaultValue = "") String lang, @RequestParam(name = "return", defaultValue = "/")
            String back, HttpServletRequest request, HttpServletResponse response) {
        // An unknown language changes nothing: the page comes back as it was.
        Languages.parse(lang).ifPresent(locale -> locales.setLocale(request, response, locale));
        var redirect = new RedirectView(localPath(back), true);
        // The path is sent as it came: no {placeholders} filled in from the model.
        redirect.setExpandUriTemplateVariables(false);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    /**
     * The path itself when it is one of this site's ("/setup/imports?page=2"), else "/": never another
     * host, whether written "//evil.example", "/\evil.example", "https://evil.example" or with a line
     * break that would split the Location header.
     */
    static String localPath(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "/";
        }
        try {
            var uri = UriComponentsBuilder.fromUriString(path).build();
            if (uri.getScheme() != null || uri.getHost() != null || uri.getPath() == null) {
                return "/";
            }
        } catch (IllegalArgumentException e) {
            return "/";
        }
        return path;
    }
}
