package io.rollcall.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;

import io.rollcall.ApiTestSupport;
import oidcprovider.HttpBrowser;
import oidcprovider.TestOidcProvider;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Single sign-on over real HTTP against a real OpenID provider ({@link TestOidcProvider}): only a
 * verified email of an existing, active account signs in, and then as a password sign-in would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "h2"})
class SingleSignOnTests extends ApiTestSupport {

    @LocalServerPort
    int port;

    HttpBrowser browser;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
    }

    @BeforeEach
    void openBrowser() {
        TestOidcProvider.allowRollcallAt(port);
        newBrowser();
    }

    // Another person's browser: the provider's session of the last one would sign them in again at once.
    void newBrowser() {
        browser = new HttpBrowser("http://127.0.0.1:" + port);
    }

    /** Someone at the provider with that email claim; returns their username there. */
    static String atProvider(String email, Boolean emailVerified) {
        var username = "person-" + unique();
        TestOidcProvider.person(username, email, emailVerified);
        return username;
    }

    List<String> audited(String event, String email) throws Exception {
        return json(get("/api/v1/audit?size=1000", operator))
            .read("$.items[?(@.event == '" + event + "' && @.target == '" + email + "')].details");
    }

    void assertSignedOut() throws Exception {
        assertThat(browser.open("/home").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void theLoginPageShowsAButtonPerProvider() throws Exception {
        var page = browser.open("/login").body();
        assertThat(page).contains("href=\"/oauth2/authorization/school\"", "Sign in with Springfield Schools",
            "href=\"/oauth2/authorization/entra\"", "Sign in with Entra ID", "id=\"password\"");
    }

    @Test
    void aVerifiedEmailSignsInToThatAccountWithTheRightsOfAPasswordSignIn() throws Exception {
        var school = school(false);
        var admin = adminEmail(school);

        var page = browser.signInWith("school", atProvider(admin.toUpperCase(), true));

        assertThat(page.uri().getPath()).isEqualTo("/setup/create-users");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Create Users");
        assertThat(browser.open("/schools").statusCode()).as("operators only").isEqualTo(403);
        assertThat(audited("SIGN_IN", admin)).contains("sso school");
    }

    @Test
    void anEmailNoAccountUsesSignsNobodyInAndThePageSaysSo() throws Exception {
        var stranger = "stranger-" + unique() + "@example.com";

        var page = browser.signInWith("school", atProvider(stranger, true));

        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.uri().getQuery()).isEqualTo("sso=unknown");
        assertThat(page.body()).contains("No Rollcall account uses the email <span>" + stranger + "</span>.");
        assertSignedOut();
        assertThat(audited("SIGN_IN_FAILED", stranger)).containsExactly("sso school: unknown email");
    }

    @Test
    void anUnverifiedEmailIsRefusedEvenWhenItNamesAnAccount() throws Exception {
        var admin = adminEmail(school(false));

        var page = browser.signInWith("school", atProvider(admin, false));

        assertThat(page.uri().getQuery()).isEqualTo("sso=unverified");
        assertThat(page.body()).contains("has not verified your email address");
        assertSignedOut();
        newBrowser();
        assertThat(browser.signInWith("school", atProvider(admin, null)).uri().getQuery())
            .as("no email_verified claim at an untrusted provider").isEqualTo("sso=unverified");
        assertSignedOut();
        assertThat(audited("SIGN_IN_FAILED", admin)).containsOnly("sso school: unverified email");
    }

    @Test
    void aTrustedProviderNeedsNoEmailVerifiedClaimButAFalseOneStillRefuses() throws Exception {
        var admin = adminEmail(school(false));

        assertThat(browser.signInWith("entra", atProvider(admin, false)).uri().getQuery()).isEqualTo("sso=unverified");
        assertSignedOut();
        newBrowser();
        assertThat(browser.signInWith("entra", atProvider(admin, null)).uri().getPath()).isEqualTo("/setup/create-users");
        assertThat(audited("SIGN_IN", admin)).contains("sso entra");
    }

    @Test
    void aProviderLimitedToSomeDomainsCannotSignInAnAccountOfAnother() throws Exception {
        var school = school(false);
        var elsewhere = "ops-" + unique() + "@other.example.com";
        grantAdmin(school, elsewhere);

        var page = browser.signInWith("entra", atProvider(elsewhere.toUpperCase(), true));

        assertThat(page.uri().getQuery()).isEqualTo("sso=domain");
        assertThat(page.body()).contains("This sign-in service does not sign in <span>" + elsewhere + "</span>.");
        assertSignedOut();
        assertThat(audited("SIGN_IN_FAILED", elsewhere)).containsExactly("sso entra: email outside the provider's domains");
        newBrowser();
        assertThat(browser.signInWith("school", atProvider(elsewhere, true)).uri().getPath())
            .as("an unlimited provider").isEqualTo("/setup/create-users");
    }

    @Test
    void aDeactivatedAccountIsRefusedWithThePasswordPathsMessage() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var student = "student-" + unique() + "@example.com";
        importFile(admin, csv(HEADER, "Jane,Doe," + student + ",0,S-1," + school), "customPassword", "Temporary-2026");
        assertThat(call(post("/api/v1/schools/" + school + "/users/" + student + "/deactivate"), admin)
            .getResponse().getStatus()).isEqualTo(200);

        var page = browser.signInWith("school", atProvider(student, true));

        assertThat(page.uri().getQuery()).isEqualTo("deactivated");
        assertThat(page.body()).contains("This account is deactivated.");
        assertSignedOut();
        assertThat(audited("SIGN_IN_FAILED", student)).containsExactly("sso school: account deactivated");
    }

    @Test
    void aStudentWithATemporaryPasswordIsNotSentToChangeIt() throws Exception {
        var school = school(false);
        var student = "student-" + unique() + "@example.com";
        importFile(admin(school), csv(HEADER, "Jane,Doe," + student + ",0,S-1," + school),
            "customPassword", "Temporary-2026");
        var withPassword = signIn(student, "Temporary-2026").session();
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/home").session(withPassword)).andReturn().getResponse()
            .getRedirectedUrl()).as("a password sign-in must change it").isEqualTo("/change-password");

        var page = browser.signInWith("school", atProvider(student, true));

        assertThat(page.uri().getPath()).isEqualTo("/home");
        assertThat(page.body()).contains("School " + school);
        var again = browser.open("/home");
        assertThat(again.uri().getPath()).as("on every later request too").isEqualTo("/home");
    }
}
