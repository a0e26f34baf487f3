package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rollcall.account.AccountRepository;
import io.rollcall.account.AccountService;
import io.rollcall.mail.WelcomeDetails;
import io.rollcall.school.School;
import io.rollcall.school.SchoolRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The help article's walk through Set Up → Create Users, and every other page, in English, Spanish
 * and French: the language chosen in the footer, the texts in that language, and each page audited
 * for accessibility at 1280 and 320 CSS px ({@link Accessibility}). Screenshots of the walk go to
 * {@code target/screenshots/languages/}, of the audit to {@code target/screenshots/a11y/}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "h2"})
class LanguagesBrowserTests {

    static final String HEADER = AdminPortalBrowserTests.HEADER;
    static final String PASSWORD = AdminPortalBrowserTests.ADMIN_PASSWORD;

    /** What each language must show, written here as a reader of it expects it, not read from the bundles. */
    record Expected(String footerButton, String signIn, String createUsers, String counts, String invalidEmail,
            String oneImport, String passwordsDiffer) {
    }

    static final Map<String, Expected> EXPECTED = Map.of(
        "en", new Expected("English", "Sign in", "Create Users", "2 created 0 updated 0 unchanged 2 failed",
            "Validation isEmail on email failed", "1 import", "The two new passwords are not the same."),
        "es", new Expected("Español", "Iniciar sesión", "Crear usuarios (Create Users)",
            "2 creados 0 actualizados 0 sin cambios 2 con errores",
            "El correo electrónico no es válido (Validation isEmail on email failed)", "1 importación",
            "Las dos contraseñas nuevas no coinciden."),
        "fr", new Expected("Français", "Se connecter", "Créer des utilisateurs (Create Users)",
            "2 créés 0 mis à jour 0 inchangés 2 en échec",
            "Adresse e-mail non valide (Validation isEmail on email failed)", "1 import",
            "Les deux nouveaux mots de passe ne sont pas identiques."));

    @LocalServerPort
    int port;

    @Autowired
    SchoolRepository schools;

    @Autowired
    AccountService accounts;

    @Autowired
    AccountRepository accountRepository;

    @Autowired
    WelcomeDetails welcome;

    @TempDir
    Path files;

    Browser browser;
    final List<String> problems = new ArrayList<>();
    String language;
    int shot;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = new Browser("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    void audit(String page) {
        browser.screenshot("languages/" + language + "-" + String.format("%02d", ++shot) + "-" + page);
        problems.addAll(Accessibility.audit(browser, language + "-" + page));
    }

    void chooseLanguage(Expected expected) {
        browser.clickAndWait("footer button[value=" + language + "]");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo(language);
        assertThat(browser.find("footer button[aria-current=true]").getText()).isEqualTo(expected.footerButton());
    }

    Path file(String name, String... lines) throws IOException {
        var file = files.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    void upload(Path file) {
        browser.find("#file").sendKeys(file.toString());
        browser.find("#upload-file").click();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "fr"})
    void adminWalksCreateUsersAndEveryPageIsAccessibleAtDesktopAndPhoneWidths(String language) throws IOException {
        this.language = language;
        var expected = EXPECTED.get(language);
        var school = "L" + AdminPortalBrowserTests.unique();
        schools.insert(new School(school, "École Lumière " + school, true, false));
        var admin = "admin-" + AdminPortalBrowserTests.unique() + "@school.example.com";
        accounts.grantSchoolAdmin(school, admin, "Dana", "Admin", PASSWORD, "browser-test");

        browser.open("/login");
        // The language choice shows without scrolling: the sign-in card is centred in what the footer leaves.
        assertThat((Boolean) browser.script(
            "return document.querySelector('footer').getBoundingClientRect().bottom <= window.innerHeight")).isTrue();
        chooseLanguage(expected);
        assertThat(browser.text("h1")).isEqualTo(expected.signIn());
        audit("login");
        browser.signIn(admin, PASSWORD);
        assertThat(browser.path()).isEqualTo("/setup/create-users");
        // The choice outlives signing in: it is the browser's, in a cookie.
        assertThat(browser.text("h1")).isEqualTo(expected.createUsers());
        audit("create-users");

        upload(file("missing.csv", "firstName,lastName,Mail,isTeacher,issuedID", "Ada,Lovelace,a@b.c,0,1"));
        browser.waitFor("#file-error");
        assertThat(browser.text("#missing-fields")).contains("email", "schoolID");
        audit("create-users-file-error");

        var student = "student." + AdminPortalBrowserTests.unique() + "@example.com";
        var roster = file("roster-" + language + ".csv", HEADER + ",nickname",
            "Jane,Doe," + student + ",0,S-1," + school + ",JD",
            "José,Núñez,jose." + AdminPortalBrowserTests.unique() + "@example.com,1,T-1," + school + ",Pepe",
            "Bad,Row,not-an-email,0,S-2," + school + ",",
            "No,School,someone." + AdminPortalBrowserTests.unique() + "@example.com,0,S-3,elsewhere,");
        browser.find("label[for=createCustomPassword]").click();
        browser.find("#customPassword").sendKeys("Temporary-2026");
        audit("create-users-options");
        upload(roster);
        browser.await(90).until(d -> !d.findElements(By.cssSelector("#result-summary")).isEmpty());
        assertThat(browser.text("#counts").replaceAll("\\s+", " ")).isEqualTo(expected.counts());
        assertThat(browser.text("#row-errors tbody")).contains(expected.invalidEmail());
        audit("import-result");
        browser.find("#download-failed-rows").click();
        var failed = Files.readString(browser.awaitDownload("roster-" + language + "-failed-rows.csv"));
        assertThat(failed).contains(expected.invalidEmail());

        browser.clickAndWait("nav.subnav a[href$='/setup/imports']");
        assertThat(browser.text("#imports caption")).isEqualTo(expected.oneImport());
        // Today's month, as the language names it ("Dec", "dic", "déc.").
        assertThat(browser.text("#imports tbody time")).contains(" " + java.time.format.DateTimeFormatter.ofPattern("MMM",
            java.util.Locale.forLanguageTag(language)).format(java.time.LocalDate.now()) + " ");
        audit("import-history");

        browser.clickAndWait("nav.subnav a[href$='/setup/users']");
        audit("users");
        browser.clickAndWait("#users a.history-link");
        audit("user-history");
        browser.clickAndWait("nav.subnav a[href$='/setup/api-keys']");
        browser.find("#name").sendKeys("Nightly SIS");
        browser.clickAndWait("#create-key button[type=submit]");
        audit("api-keys");
        browser.open("/setup/imports/" + UUID.randomUUID());
        audit("not-found");
        browser.signOut();
        audit("signed-out");

        // A student's first sign-in with the custom password: the forced change, and its errors. Right
        // after that sign-in the page does not ask for the temporary password again.
        browser.signIn(student, "Temporary-2026");
        assertThat(browser.path()).isEqualTo("/change-password");
        assertThat(browser.driver.findElements(By.id("currentPassword"))).isEmpty();
        browser.find("#newPassword").sendKeys("my-own-secret-9");
        browser.find("#confirmPassword").sendKeys("my-own-secret-8");
        browser.clickAndWait("#save-password");
        assertThat(browser.text("#password-error")).isEqualTo(expected.passwordsDiffer());
        var confirm = browser.find("#confirmPassword");
        assertThat(confirm.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(confirm.getAttribute("aria-describedby")).isEqualTo("password-error");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(confirm);
        audit("change-password-error");
        browser.find("#newPassword").sendKeys("short");
        browser.find("#confirmPassword").sendKeys("short");
        browser.clickAndWait("#save-password");
        var chosen = browser.find("#newPassword");
        assertThat(chosen.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chosen.getAttribute("aria-describedby")).contains("password-error");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(chosen);
        browser.find("#newPassword").sendKeys("my-own-secret-9");
        browser.find("#confirmPassword").sendKeys("my-own-secret-9");
        browser.clickAndWait("#save-password");
        assertThat(browser.path()).startsWith("/home");
        audit("student-home");
        browser.signOut();

        var accountId = accountRepository.findByEmail(student).orElseThrow().id();
        browser.open("/set-password?token=" + welcome.newLink(accountId, Duration.ofDays(7)));
        audit("set-password");
        browser.open("/set-password?token=not-a-link");
        audit("link-not-valid");

        browser.signIn("operator@rollcall.example.com", "operator-password-1");
        browser.open("/schools");
        audit("schools");
        browser.open("/schools/" + school);
        audit("school");

        assertThat(problems).isEmpty();
    }
}
