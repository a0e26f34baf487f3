package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.UUID;

import io.rollcall.account.AccountService;
import io.rollcall.school.School;
import io.rollcall.school.SchoolRepository;
import oidcprovider.TestOidcProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A school admin signs in with their school's provider in a real browser: Rollcall's button, the
 * provider's own form (a real Spring Authorization Server), and back to Set Up. Screenshots under
 * {@code target/screenshots/sso-*}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "h2"})
class SingleSignOnBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    SchoolRepository schools;

    @Autowired
    AccountService accounts;

    Browser browser;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        TestOidcProvider.register(registry);
    }

    @BeforeEach
    void openBrowser() throws IOException {
        TestOidcProvider.allowRollcallAt(port);
        // 127.0.0.1, not localhost where the provider is: the two keep their cookies apart.
        browser = new Browser("http://127.0.0.1:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void schoolAdminSignsInWithTheSchoolsProviderAndLandsOnSetUp() {
        var school = "SSO" + UUID.randomUUID().toString().substring(0, 6);
        schools.insert(new School(school, "School " + school, false, false));
        var admin = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@school.example.com";
        accounts.grantSchoolAdmin(school, admin, "Dana", "Admin", "admin-password-1", "browser-test");
        TestOidcProvider.person("dana", admin, true);

        browser.open("/login");
        assertThat(browser.text("#sso-school")).isEqualTo("Sign in with Springfield Schools");
        browser.screenshot("sso-01-login-with-provider-button");

        browser.clickAndWait("#sso-school");
        assertThat(browser.raw().getCurrentUrl()).startsWith(TestOidcProvider.issuer() + "/login");
        browser.find("#username").sendKeys("dana");
        browser.find("#password").sendKeys(TestOidcProvider.PASSWORD);
        browser.screenshot("sso-02-provider-sign-in");
        browser.find("button[type=submit]").click();
        browser.await(30).until(d -> d.getCurrentUrl().endsWith("/setup/create-users"));

        assertThat(browser.path()).isEqualTo("/setup/create-users");
        assertThat(browser.text("nav.sidenav a[aria-current=page]")).isEqualTo("Set Up");
        browser.screenshot("sso-03-signed-in-set-up");
    }

    @Test
    void someoneWithoutAnAccountIsToldSoAndNotSignedIn() {
        var stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        TestOidcProvider.person("stranger", stranger, true);

        browser.open("/login");
        browser.clickAndWait("#sso-school");
        browser.find("#username").sendKeys("stranger");
        browser.find("#password").sendKeys(TestOidcProvider.PASSWORD);
        browser.find("button[type=submit]").click();
        browser.await(30).until(d -> d.getCurrentUrl().endsWith("/login?sso=unknown"));

        assertThat(browser.text("#sso-unknown")).startsWith("No Rollcall account uses the email " + stranger + ".");
        browser.screenshot("sso-04-no-account");
        browser.open("/home");
        assertThat(browser.path()).isEqualTo("/login");
    }
}
