package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rollcall.ApiTestSupport;
import oidcprovider.HttpBrowser;
import oidcprovider.TestOidcProvider;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** {@code rollcall.sso.password-login=false}: passwords for operators only, the provider's button for everyone else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "rollcall.sso.password-login=false")
@ActiveProfiles({"test", "h2"})
class PasswordLoginOffTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
    }

    String page(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path)).andReturn().getResponse().getContentAsString();
    }

    /** Where the password form (at /login?password) sends a browser that signs in: "/" when it worked. */
    String signInWithPassword(String email, String password) throws Exception {
        var form = mvc.perform(MockMvcRequestBuilders.get("/login?password")).andReturn();
        var address = elsewhere();
        return mvc.perform(MockMvcRequestBuilders.post("/login").session((MockHttpSession) form.getRequest().getSession())
                .param("_csrf", csrfOf(form)).param("email", email).param("password", password)
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }))
            .andReturn().getResponse().getRedirectedUrl();
    }

    @Test
    void theLoginPageShowsTheButtonsAndOnlyALinkToThePasswordForm() throws Exception {
        assertThat(page("/login")).contains("Sign in with Springfield Schools", "Operators: sign in with a password")
            .doesNotContain("id=\"password\"");
        assertThat(page("/login?password")).contains("Sign in with Springfield Schools", "id=\"password\"");
    }

    @Test
    void aSchoolAdminsRightPasswordIsRefusedOnTheFormAndForATokenButNotItsWrongOneSaysSo() throws Exception {
        var admin = adminEmail(school(false));

        assertThat(signInWithPassword(admin, ADMIN_PASSWORD)).isEqualTo("/login?passwordOff");
        assertThat(page("/login?passwordOff"))
            .contains("Password sign-in is turned off; use your school's sign-in button.", "id=\"password\"");
        assertThat(signInWithPassword(admin, "not-the-password")).as("tells nothing more").isEqualTo("/login?error");
        var token = tokenRequestFromElsewhere(admin, ADMIN_PASSWORD);
        assertThat(token.getResponse().getStatus()).isEqualTo(401);
        assertThat((String) json(token).read("$.detail"))
            .isEqualTo("Password sign-in is turned off; use your school's sign-in button.");
        List<String> failures = json(get("/api/v1/audit?size=1000", operator))
            .read("$.items[?(@.event == 'SIGN_IN_FAILED' && @.target == '" + admin + "')].details");
        assertThat(failures).contains("password sign-in is turned off", "wrong password");
    }

    @Test
    void anOperatorStillSignsInWithAPassword() throws Exception {
        assertThat(signInWithPassword(OPERATOR_EMAIL, OPERATOR_PASSWORD)).isEqualTo("/");
        assertThat(tokenRequestFromElsewhere(OPERATOR_EMAIL, OPERATOR_PASSWORD).getResponse().getStatus())
            .isEqualTo(201);
    }

    @Test
    void aSchoolAdminSignsInWithTheProvidersButton() throws Exception {
        var admin = adminEmail(school(false));
        var username = "person-" + unique();
        TestOidcProvider.person(username, admin, true);
        TestOidcProvider.allowRollcallAt(port);

        var page = new HttpBrowser("http://127.0.0.1:" + port).signInWith("school", username);

        assertThat(page.uri().getPath()).isEqualTo("/setup/create-users");
    }
}
