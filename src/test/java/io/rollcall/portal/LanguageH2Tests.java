package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Which language a page speaks: the browser's Accept-Language, overridden by the footer's choice
 * (a cookie); and that the choice returns only to this site's own pages.
 */
@ActiveProfiles({"test", "h2"})
class LanguageH2Tests extends ApiTestSupport {

    String loginPage(String acceptLanguage, Cookie... cookies) throws Exception {
        var request = MockMvcRequestBuilders.get("/login");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        if (cookies.length > 0) {
            request.cookie(cookies);
        }
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    MvcResult choose(String lang, String back) throws Exception {
        var browser = openLoginPage();
        return mvc.perform(browser.submit(MockMvcRequestBuilders.post("/language")).param("lang", lang).param("return", back)).andReturn();
    }

    @Test
    void thePageFollowsTheBrowsersFirstSupportedLanguage() throws Exception {
        assertThat(loginPage(null)).contains("<html lang=\"en\"", ">Sign in</h1>");
        assertThat(loginPage("es-MX,es;q=0.9,en;q=0.8")).contains("<html lang=\"es\"", ">Iniciar sesión</h1>",
            "Correo electrónico");
        assertThat(loginPage("de-DE,de;q=0.9,fr;q=0.8,en;q=0.5")).contains("<html lang=\"fr\"", ">Se connecter</h1>");
        // A language Rollcall does not speak falls back to English, not to the server's own language.
        assertThat(loginPage("de-DE,ja;q=0.5")).contains("<html lang=\"en\"", ">Sign in</h1>");
    }

    @Test
    void theFootersChoiceOverridesTheBrowserAndIsRemembered() throws Exception {
        var chosen = choose("fr", "/login?logout");

        assertThat(chosen.getResponse().getStatus()).isEqualTo(302);
        assertThat(chosen.getResponse().getRedirectedUrl()).isEqualTo("/login?logout");
        var cookie = chosen.getResponse().getCookie(LanguageConfig.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).isEqualTo("fr");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(loginPage("es", cookie)).contains("<html lang=\"fr\"", ">Se connecter</h1>",
            "aria-current=\"true\">Français</button>");
    }

    @Test
    void aLanguageRollcallDoesNotSpeakChangesNothing() throws Exception {
        var chosen = choose("de", "/login");

        assertThat(chosen.getResponse().getRedirectedUrl()).isEqualTo("/login");
        assertThat(chosen.getResponse().getCookie(LanguageConfig.COOKIE)).isNull();
    }

    @Test
    void theChoiceReturnsOnlyToThisSitesPages() throws Exception {
        for (var elsewhere : new String[] {"//evil.example/login", "https://evil.example/", "/\\evil.example",
            "\\\\evil.example", "evil.example", "javascript:alert(1)", "/%0d%0aSet-Cookie:x=1", "/\r\nSet-Cookie: x=1",
            "///evil.example", "/\t/evil.example", ""}) {
            var chosen = choose("es", elsewhere);
            assertThat(chosen.getResponse().getStatus()).as(elsewhere).isEqualTo(302);
            var location = chosen.getResponse().getRedirectedUrl();
            assertThat(location).as(elsewhere).isIn("/", elsewhere);
            assertThat(location).as(elsewhere).startsWith("/").doesNotStartWith("//").doesNotContain("\r", "\n", "\\")
                .doesNotContain("evil.example/login").doesNotStartWith("/\t");
        }
        assertThat(choose("es", "/setup/imports?page=2").getResponse().getRedirectedUrl())
            .isEqualTo("/setup/imports?page=2");
        assertThat(choose("es", "/set-password?token={token}").getResponse().getRedirectedUrl())
            .isEqualTo("/set-password?token={token}");
    }

    @Test
    void localPathKeepsOnlyThisSitesPaths() {
        assertThat(LanguageController.localPath("/setup/users?school=1&q=a")).isEqualTo("/setup/users?school=1&q=a");
        assertThat(LanguageController.localPath("//evil.example")).isEqualTo("/");
        assertThat(LanguageController.localPath("/\\evil.example")).isEqualTo("/");
        assertThat(LanguageController.localPath("https://evil.example")).isEqualTo("/");
        assertThat(LanguageController.localPath("/a\nb")).isEqualTo("/");
        assertThat(LanguageController.localPath(null)).isEqualTo("/");
    }
}
