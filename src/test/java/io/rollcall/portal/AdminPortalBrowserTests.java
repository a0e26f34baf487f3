package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.rollcall.account.AccountService;
import io.rollcall.school.School;
import io.rollcall.school.SchoolRepository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Admin Portal in a real browser (Debian's headless Chromium), the way the help article
 * walks a school admin through Set Up → Create Users, and the first sign-in of a student. Every
 * page visited is saved as a screenshot under {@code target/screenshots/}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "rollcall.import.batch-size=250")
@ActiveProfiles({"test", "h2"})
class AdminPortalBrowserTests {

    static final String HEADER = "firstName,lastName,email,isTeacher,issuedID,schoolID";
    static final String ADMIN_PASSWORD = "admin-password-1";
    static final String EXAMPLE_SCHOOL = "648572";

    @LocalServerPort
    int port;

    @Autowired
    SchoolRepository schools;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    Browser browser;

    @BeforeEach
    void openBrowser() throws IOException {
        browser = new Browser("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String school(String id) {
        schools.insert(new School(id, "School " + id, false, false));
        return id;
    }

    String admin(String schoolId) {
        var email = "admin-" + unique() + "@school.example.com";
        accounts.grantSchoolAdmin(schoolId, email, "Dana", "Admin", ADMIN_PASSWORD, "browser-test");
        return email;
    }

    Path file(String name, String... lines) throws IOException {
        var file = files.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    void chooseOptions(boolean sendWelcomeEmails, String customPassword) {
        if (browser.find("#sendWelcomeEmails").isSelected() != sendWelcomeEmails) {
            browser.find("label[for=sendWelcomeEmails]").click();
        }
        if (customPassword != null) {
            browser.find("label[for=createCustomPassword]").click();
            assertThat(browser.find("#customPassword").isDisplayed()).isTrue();
            browser.find("#customPassword").sendKeys(customPassword);
        }
    }

    /** Clicks Upload File and waits for the result page of the finished import. */
    void uploadAndAwaitResult() {
        browser.find("#upload-file").click();
        browser.await(90).until(d -> !d.findElements(By.cssSelector("#result-summary")).isEmpty());
    }

    String counts() {
        return browser.text("#counts").replaceAll("\\s+", " ");
    }

    @Test
    void adminDownloadsTemplateAndUploadsTheExampleByDragAndDropAndByAttachFile() throws IOException {
        school(EXAMPLE_SCHOOL);
        var admin = admin(EXAMPLE_SCHOOL);

        browser.signIn(admin, ADMIN_PASSWORD);
        assertThat(browser.path()).isEqualTo("/setup/create-users");
        assertThat(browser.text("nav.sidenav a[aria-current=page]")).isEqualTo("Set Up");
        assertThat(browser.text("nav.subnav a[aria-current=page]")).isEqualTo("Create Users");

        browser.find("#download-template").click();
        var template = browser.awaitDownload("create-users-template.csv");
        assertThat(Files.readString(template).trim()).isEqualTo(HEADER);
        browser.find("#download-example").click();
        var example = browser.awaitDownload("create-users-example.csv");
        assertThat(Files.readAllLines(example)).hasSize(6);

        chooseOptions(true, "Welcome-2026");
        assertThat(browser.find("#custom-password-rules").getText()).contains("8 to 128 characters");
        browser.find("#toggle-password").click();
        assertThat(browser.find("#customPassword").getAttribute("type")).isEqualTo("text");
        browser.find("#toggle-password").click();
        browser.dropFile(browser.find("#dropzone"), example);
        assertThat(browser.text("#file-name")).isEqualTo("create-users-example.csv");
        assertThat(browser.text("#file-size")).isEqualTo("(" + Files.size(example) + " bytes)");
        browser.screenshot("01-create-users");
        uploadAndAwaitResult();
        assertThat(counts()).isEqualTo("5 created 0 updated 0 unchanged 0 failed");
        assertThat(browser.text("main")).contains("5 welcome emails queued.");
        browser.screenshot("02-result-created");

        browser.clickAndWait("#upload-another");
        chooseOptions(true, "Welcome-2026");
        browser.find("#file").sendKeys(example.toAbsolutePath().toString());
        assertThat(browser.text("#file-name")).isEqualTo("create-users-example.csv");
        uploadAndAwaitResult();
        assertThat(counts()).isEqualTo("0 created 0 updated 5 unchanged 0 failed");
        browser.screenshot("03-result-unchanged");

        // Times show in the reader's own time zone: here New Zealand's, 13 hours ahead of UTC in November.
        browser.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Pacific/Auckland"));
        browser.clickAndWait("nav.subnav a[href$='/setup/imports']");
        var history = browser.find("#imports tbody");
        assertThat(history.findElements(By.tagName("tr"))).hasSize(2);
        assertThat(history.getText()).contains("create-users-example.csv", admin, "5 created", "5 unchanged");
        var uploaded = history.findElement(By.cssSelector("time.local"));
        var inAuckland = OffsetDateTime.parse(uploaded.getAttribute("datetime")).atZoneSameInstant(ZoneId.of("Pacific/Auckland"));
        assertThat(uploaded.getText())
            .isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).format(inAuckland));
        browser.screenshot("04-import-history");

        browser.clickAndWait("nav.subnav a[href$='/setup/users']");
        assertThat(browser.text("#users caption")).contains("5 users");
        browser.find("#q").sendKeys("T-2001", Keys.ENTER);
        browser.await(10).until(d -> d.findElement(By.cssSelector("#users caption")).getText().contains("1 user"));
        assertThat(browser.text("#users tbody")).contains("amara.okafor@example.com", "Instructor");
        browser.screenshot("05-users");
        browser.clickAndWait("#users tbody button.resend");
        assertThat(browser.text("#notice")).contains("A new welcome email is on its way to amara.okafor@example.com");
        assertThat(browser.text("#users caption")).contains("1 user");

        // A tablet in portrait: the navigation folds to icons, the steps stack.
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.open("/setup/create-users");
        assertThat(browser.find("#upload-file").isDisplayed()).isTrue();
        browser.screenshot("05b-create-users-tablet");
    }

    @Test
    void fileWithAMissingColumnIsRefusedNamingTheMissingFields() throws IOException {
        var school = school("M" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var bad = file("missing-columns.csv", "firstName,lastName,Mail,isTeacher,issuedID", "Ada,Lovelace,a@b.c,0,1");

        browser.find("#file").sendKeys(bad.toString());
        browser.find("#upload-file").click();

        var banner = browser.waitFor("#file-error");
        assertThat(banner.getText()).contains("no users were created", "Missing required fields: email, schoolID");
        assertThat(browser.driver.findElements(By.cssSelector("#missing-fields li")))
            .extracting(WebElement::getText).containsExactly("email", "schoolID");
        assertThat(browser.driver.findElements(By.cssSelector("#found-fields li"))).extracting(WebElement::getText)
            .containsExactly("firstName", "lastName", "Mail", "isTeacher", "issuedID");
        browser.screenshot("06-file-error");
    }

    @Test
    void aMacFileIsReadAsMacRomanWithTheNamesShownAndTheEncodingCanBeChosen() throws IOException {
        var school = school("E" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var tag = unique();
        var roster = files.resolve("mac-export-" + tag + ".csv");
        Files.write(roster, (HEADER + "\r" + "José,Müller,jose." + tag + "@example.com,0,1," + school + "\r"
            + "Zoë,Ängström,zoe." + tag + "@example.com,1,2," + school + "\r").getBytes(Charset.forName("x-MacRoman")));

        browser.find("#file").sendKeys(roster.toString());
        uploadAndAwaitResult();

        assertThat(counts()).isEqualTo("2 created 0 updated 0 unchanged 0 failed");
        assertThat(browser.text("#encoding-guess")).contains("Check the names", "read as Mac Roman",
            "José Müller (row 2), Zoë Ängström (row 3)", "File options");
        assertThat(browser.driver.findElements(By.cssSelector("#warnings-title"))).isEmpty();
        browser.screenshot("18-encoding-guessed");

        browser.clickAndWait("nav.subnav a[href$='/setup/create-users']");
        assertThat(browser.find("#encoding").isDisplayed()).isFalse();
        browser.find("#file-options summary").click();
        new Select(browser.find("#encoding")).selectByValue("macintosh");
        browser.screenshot("19-file-options");
        browser.find("#file").sendKeys(roster.toString());
        uploadAndAwaitResult();

        assertThat(counts()).isEqualTo("0 created 0 updated 2 unchanged 0 failed");
        assertThat(browser.driver.findElements(By.cssSelector("#encoding-guess"))).isEmpty();
    }

    @Test
    void validateOnlyReportsWithoutWritingAnything() throws IOException {
        var school = school("V" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var roster = file("dry-run.csv", HEADER, "Val,Idate,val." + unique() + "@example.com,0,V-1," + school,
            "Bad,Row,not-an-email,0,V-2," + school);

        browser.find("label[for=dryRun]").click();
        browser.find("#file").sendKeys(roster.toString());
        uploadAndAwaitResult();

        assertThat(browser.text("main")).contains("Validate only: nothing was written.");
        assertThat(counts()).isEqualTo("1 created 0 updated 0 unchanged 1 failed");
        browser.clickAndWait("nav.subnav a[href$='/setup/users']");
        assertThat(browser.text("#users caption")).contains("0 users");
    }

    @Test
    void rowErrorsGiveADownloadOfFailedRowsThatUploadsAgainOnceCorrected() throws IOException {
        var school = school("R" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var tag = unique();
        var roster = file("roster-" + tag + ".csv", HEADER,
            "Jane,Doe,jane." + tag + "@example.com,0,1001," + school,
            "John,Smith,john." + tag + "@example,0,1002," + school,
            "Maria,Garcia,maria." + tag + "@example.com,2,1003," + school,
            "Wei,Chen,wei." + tag + "@example.com,0,1004," + school,
            "Amara,Okafor,amara." + tag + "@example.com,1,1005,other-school");

        browser.find("#file").sendKeys(roster.toString());
        uploadAndAwaitResult();

        assertThat(counts()).isEqualTo("2 created 0 updated 0 unchanged 3 failed");
        var rows = browser.driver.findElements(By.cssSelector("#row-errors tbody tr"));
        assertThat(rows).extracting(WebElement::getText).containsExactly(
            "3 john." + tag + "@example email Validation isEmail on email failed",
            "4 maria." + tag + "@example.com isTeacher isTeacher must be 0 or 1",
            "6 amara." + tag + "@example.com schoolID Unauthorized school");
        browser.screenshot("07-result-with-errors");

        browser.find("#download-failed-rows").click();
        var failed = browser.awaitDownload("roster-" + tag + "-failed-rows.csv");
        var lines = Files.readAllLines(failed);
        assertThat(lines).hasSize(4);
        // UTF-8 with a byte order mark, as Excel needs to read it as UTF-8.
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + HEADER + ",error");

        var corrected = new ArrayList<String>();
        corrected.add(HEADER);
        for (var line : lines.subList(1, lines.size())) {
            var cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(cells.size() - 1);
            cells.set(2, cells.get(2).endsWith("@example") ? cells.get(2) + ".com" : cells.get(2));
            cells.set(3, "2".equals(cells.get(3)) ? "0" : cells.get(3));
            cells.set(5, school);
            corrected.add(String.join(",", cells));
        }
        var again = files.resolve("roster-" + tag + "-corrected.csv");
        Files.write(again, corrected);

        browser.clickAndWait("#upload-another");
        browser.find("#file").sendKeys(again.toString());
        uploadAndAwaitResult();
        assertThat(counts()).isEqualTo("3 created 0 updated 0 unchanged 0 failed");
        assertThat(browser.present("#row-errors")).isFalse();
    }

    @Test
    void studentSignsInWithTheCustomPasswordIsMadeToChangeItThenSignsInWithTheNewOne() throws IOException {
        var school = school("P" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var student = "student." + unique() + "@example.com";
        var roster = file("one-student.csv", HEADER, "Jane,Doe," + student + ",0,S-1," + school);

        chooseOptions(false, "Temporary-2026");
        assertThat(browser.find("#no-email-warning").isDisplayed()).isTrue();
        assertThat(browser.text("#no-email-warning")).contains("Make a note of the custom password");
        browser.find("#file").sendKeys(roster.toString());
        uploadAndAwaitResult();
        assertThat(counts()).startsWith("1 created");
        browser.signOut();
        assertThat(browser.text("main")).contains("You have signed out.");

        browser.signIn(student, "Temporary-2026");
        assertThat(browser.path()).isEqualTo("/change-password");
        assertThat(browser.text("main")).contains("Passwords must be 8 to 128 characters");
        browser.screenshot("08-change-password");
        browser.open("/home");
        assertThat(browser.path()).isEqualTo("/change-password");
        browser.open("/setup/create-users");
        assertThat(browser.path()).isEqualTo("/change-password");

        // Just signed in with it: the temporary password is not asked again, and still cannot be kept.
        assertThat(browser.present("#currentPassword")).isFalse();
        changePassword("Temporary-2026");
        assertThat(browser.text("#password-error")).contains("may not be the same as your temporary password");
        changePassword("my-own-secret-9");
        assertThat(browser.path()).startsWith("/home");
        assertThat(browser.text("#home-name")).isEqualTo("Jane Doe");
        assertThat(browser.text("main")).contains("School " + school, "Student", "S-1");
        browser.screenshot("09-student-home");
        browser.signOut();

        browser.open("/login");
        browser.find("#email").sendKeys(student);
        browser.find("#password").sendKeys("Temporary-2026", Keys.ENTER);
        assertThat(browser.waitFor("#messages .banner").getText()).isEqualTo("Email or password is incorrect.");
        browser.screenshot("10-login-failed");

        browser.signIn(student, "my-own-secret-9");
        assertThat(browser.path()).isEqualTo("/home");
    }

    private void changePassword(String next) {
        browser.find("#newPassword").sendKeys(next);
        browser.find("#confirmPassword").sendKeys(next);
        browser.clickAndWait("#save-password");
    }

    @Test
    void theWholeUploadWorksWithTheKeyboardAlone() throws IOException {
        var school = school("K" + unique());
        var admin = admin(school);
        var roster = file("keyboard.csv", HEADER, "Kay,Board,kay." + unique() + "@example.com,1,K-1," + school);

        browser.open("/login");
        tabTo("email").sendKeys(admin);
        tabTo("password").sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        browser.await(20).until(d -> d.getCurrentUrl().endsWith("/setup/create-users"));

        tabTo("createCustomPassword").sendKeys(Keys.SPACE);
        assertThat(browser.find("#customPassword").isDisplayed()).isTrue();
        tabTo("customPassword").sendKeys("Keyboard-2026");
        var fileInput = tabTo("file");
        var zone = browser.find("#dropzone");
        assertThat(zone.getCssValue("outline-style")).as("the drop zone shows keyboard focus").isEqualTo("solid");
        browser.screenshot("11-keyboard-focus-on-drop-zone");
        // What the operating system's file dialog does once the person picks the file with the keyboard.
        fileInput.sendKeys(roster.toString());
        assertThat(browser.text("#file-name")).isEqualTo("keyboard.csv");
        tabTo("upload-file").sendKeys(Keys.ENTER);
        browser.await(90).until(d -> !d.findElements(By.cssSelector("#result-summary")).isEmpty());
        assertThat(counts()).isEqualTo("1 created 0 updated 0 unchanged 0 failed");
    }

    /** Presses Tab until the element with that id has the focus, as a keyboard user would. */
    private WebElement tabTo(String id) {
        for (int i = 0; i < 60; i++) {
            var active = browser.driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    @Test
    void progressBarMovesWhileALargeFileIsProcessed() throws IOException {
        var school = school("L" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        var tag = unique();
        for (int i = 0; i < 9_000; i++) {
            lines.add("First" + i + ",Last" + i + ",user" + i + "." + tag + "@example.com,0,L" + i + "," + school);
        }
        var large = files.resolve("large-roster.csv");
        Files.write(large, lines);

        browser.find("#file").sendKeys(large.toString());
        browser.find("#upload-file").click();
        browser.waitFor("#processing, #result-summary");
        var seen = new ArrayList<Long>();
        boolean shot = false;
        while (!browser.present("#result-summary")) {
            var value = (Number) browser.script(
                "var p = document.getElementById('progress'); return p && p.hasAttribute('value') ? p.value : null;");
            if (value != null && value.longValue() > 0) {
                seen.add(value.longValue());
                if (!shot) {
                    browser.screenshot("12-progress");
                    shot = true;
                }
            }
            sleep(100);
        }
        assertThat(seen).as("progress values seen while processing").isNotEmpty();
        assertThat(seen).isSorted();
        assertThat(counts()).isEqualTo("9,000 created 0 updated 0 unchanged 0 failed");
    }

    @Test
    void anAdminDeactivatesAndReactivatesFromTheUsersPageOneAtATimeAndBySelection() throws IOException {
        var school = school("D" + unique());
        var adminEmail = admin(school);
        browser.signIn(adminEmail, ADMIN_PASSWORD);
        var tag = unique();
        var ann = "ann." + tag + "@example.com";
        browser.find("#file").sendKeys(file("class-" + tag + ".csv", HEADER, "Ann,Able," + ann + ",0,D-1," + school,
            "Ben,Baker,ben." + tag + "@example.com,0,D-2," + school, "Cy,Cole,cy." + tag + "@example.com,1,D-3," + school)
            .toString());
        chooseOptions(false, "student-pass-1");
        uploadAndAwaitResult();
        browser.clickAndWait("nav.subnav a[href$='/setup/users']");

        browser.clickAndWait("button[aria-label='Deactivate " + ann + "']");
        assertThat(browser.text("#notice")).isEqualTo("Deactivated " + ann + ".");
        assertThat(browser.text("#users tbody tr.deactivated")).contains("Able, Ann", "Deactivated");

        browser.find("input.select-user[value='ben." + tag + "@example.com']").click();
        browser.find("input.select-user[value='cy." + tag + "@example.com']").click();
        browser.clickAndWait("#deactivate-selected");
        assertThat(browser.text("#notice")).isEqualTo("Deactivated 2 users.");
        new Select(browser.find("#status")).selectByValue("DEACTIVATED");
        browser.clickAndWait("form[role=search] button[type=submit]");
        assertThat(browser.text("#users caption")).contains("3 users");
        browser.screenshot("20-users-deactivated");

        browser.find("#select-all").click();
        assertThat(browser.driver.findElements(By.cssSelector("input.select-user"))).allMatch(WebElement::isSelected);
        browser.clickAndWait("#reactivate-selected");
        assertThat(browser.text("#notice")).isEqualTo("Reactivated 3 users.");
        assertThat(browser.text("#users caption")).contains("0 users");

        browser.open("/setup/users?school=" + school);
        browser.clickAndWait("button[aria-label='Deactivate " + ann + "']");
        browser.clickAndWait("a.history-link[aria-label$='(" + ann + ")']");
        assertThat(browser.driver.findElements(By.cssSelector("#history tbody tr"))).extracting(WebElement::getText)
            .satisfiesExactly(
                created -> assertThat(created).contains("Account created by an upload", "Open the upload"),
                first -> assertThat(first).contains("Deactivated", "admin-"),
                reactivated -> assertThat(reactivated).contains("Reactivated", "admin-"),
                again -> assertThat(again).contains("Deactivated", "admin-"));
        browser.screenshot("20b-user-history");
        browser.signOut();
        browser.signIn(ann, "student-pass-1");
        assertThat(browser.path()).isEqualTo("/login?deactivated");
        assertThat(browser.text("#deactivated")).contains("This account is deactivated.", "Contact your school");
        browser.screenshot("21-sign-in-deactivated");

        // A request for Ben's data, then his removal: his only school, so he is erased.
        var ben = "ben." + tag + "@example.com";
        browser.signIn(adminEmail, ADMIN_PASSWORD);
        browser.open("/setup/users/history?school=" + school + "&email=" + ben);
        browser.find("#export-data").click();
        var data = browser.awaitDownload("rollcall-data-" + ben + ".json");
        assertThat(Files.readString(data)).contains("\"email\":\"" + ben + "\"", "\"memberships\"", "\"auditLog\"");
        browser.find("label[for=confirm-remove]").click();
        browser.clickAndWait("#remove");
        assertThat(browser.text("#notice")).isEqualTo(ben + " was removed from the school and, as it was their last"
            + " school, erased from Rollcall.");
        assertThat(browser.text("#users")).doesNotContain(ben);
    }

    @Test
    void theNextSchoolYearsFullRosterDeactivatesTheGraduatesAfterAValidateOnlyRun() throws IOException {
        var school = school("Y" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var tag = unique();
        var lines = new ArrayList<String>();
        lines.add(HEADER);
        for (int i = 1; i <= 12; i++) {
            lines.add("Pupil" + i + ",Year" + (i <= 2 ? "12" : "11") + ",p" + i + "." + tag + "@example.com,0,Y-" + i + "," + school);
        }
        browser.find("#file").sendKeys(file("year-2026-" + tag + ".csv", lines.toArray(String[]::new)).toString());
        uploadAndAwaitResult();
        assertThat(counts()).isEqualTo("12 created 0 updated 0 unchanged 0 failed");
        // Next year's export: the two in year 12 have graduated and are gone from it; a newcomer arrives.
        var next = new ArrayList<>(lines.subList(0, 1));
        next.addAll(lines.subList(3, 13));
        next.add("Nia,New,nia." + tag + "@example.com,0,Y-13," + school);
        var nextYear = file("year-2027-" + tag + ".csv", next.toArray(String[]::new));

        browser.clickAndWait("nav.subnav a[href$='/setup/create-users']");
        assertThat(browser.find("#full-roster-warning").isDisplayed()).isFalse();
        browser.find("label[for=fullRoster]").click();
        assertThat(browser.text("#full-roster-warning")).contains("Validate only", "more than 10%");
        browser.find("label[for=dryRun]").click();
        browser.screenshot("22-full-roster-option");
        browser.find("#file").sendKeys(nextYear.toString());
        uploadAndAwaitResult();

        assertThat(counts()).isEqualTo("1 created 0 updated 10 unchanged 0 failed 2 deactivated");
        assertThat(browser.text("#deactivations-title")).isEqualTo("Would be deactivated");
        assertThat(browser.driver.findElements(By.cssSelector("#deactivation-list tbody tr"))).extracting(WebElement::getText)
            .containsExactly(school + " Year12, Pupil1 p1." + tag + "@example.com",
                school + " Year12, Pupil2 p2." + tag + "@example.com");

        // Two of twelve is more than the 10% a sync may deactivate unconfirmed: the dry run says so.
        assertThat(browser.text("main")).contains("Uploaded for real, this file would stop");

        browser.clickAndWait("nav.subnav a[href$='/setup/create-users']");
        browser.find("label[for=fullRoster]").click();
        browser.find("#file").sendKeys(nextYear.toString());
        uploadAndAwaitResult();
        assertThat(browser.text("#file-error")).contains("would deactivate 2 of the 12 active members", "Nothing was changed");

        browser.clickAndWait("nav.subnav a[href$='/setup/create-users']");
        browser.find("label[for=fullRoster]").click();
        browser.find("label[for=confirmLargeSync]").click();
        browser.find("#file").sendKeys(nextYear.toString());
        uploadAndAwaitResult();
        assertThat(counts()).isEqualTo("1 created 0 updated 10 unchanged 0 failed 2 deactivated");
        assertThat(browser.text("#deactivations-title")).isEqualTo("Deactivated");
        browser.screenshot("23-full-roster-deactivated");
        browser.find("#download-deactivations").click();
        var list = browser.awaitDownload("year-2027-" + tag + "-deactivated.csv");
        assertThat(Files.readAllLines(list, StandardCharsets.UTF_8)).containsExactly("\uFEFFschoolID,email,firstName,lastName",
            school + ",p1." + tag + "@example.com,Pupil1,Year12", school + ",p2." + tag + "@example.com,Pupil2,Year12");
    }

    @Test
    void anAdminMakesAnApiKeySeesItOnceAndRevokesIt() throws Exception {
        var school = school("K" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        browser.clickAndWait("nav.subnav a[href$='/setup/api-keys']");
        assertThat(browser.text("#keys tbody")).contains("No keys yet.");

        browser.clickAndWait("#create-key button[type=submit]");
        assertThat(browser.text("#name-error")).contains("1 to 100 characters");
        assertThat(browser.find("#name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.script("return document.activeElement.id")).isEqualTo("name");
        browser.screenshot("24-api-key-name-missing");

        browser.find("#name").sendKeys("Nightly SIS");
        browser.clickAndWait("#create-key button[type=submit]");
        var key = browser.find("#new-key-value").getAttribute("value");
        assertThat(key).startsWith("rk_");
        assertThat(browser.text("#keys tbody")).contains("Nightly SIS", "Never");
        browser.screenshot("25-api-key-created");
        assertThat(apiStatus(key)).isEqualTo(200);

        browser.open("/setup/api-keys?school=" + school);
        assertThat(browser.present("#new-key-value")).isFalse();
        assertThat(browser.driver.getPageSource()).doesNotContain(key);
        assertThat(browser.text("#keys tbody")).contains("Nightly SIS", "from 127.0.0.1");
        browser.clickAndWait("button[aria-label='Revoke the key Nightly SIS']");
        assertThat(browser.text("#notice")).contains("stopped working at once");
        assertThat(browser.text("#keys tbody")).contains("No keys yet.");
        assertThat(apiStatus(key)).isEqualTo(401);
    }

    private int apiStatus(String key) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/schools"))
            .header("Authorization", "Bearer " + key).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    @Test
    void anAdminSeesOnlyTheirSchoolsImportsAndUsers() throws IOException {
        var mine = school("A" + unique());
        var theirs = school("B" + unique());
        var otherAdmin = admin(theirs);
        browser.signIn(otherAdmin, ADMIN_PASSWORD);
        var tom = "tom." + unique() + "@example.com";
        browser.find("#file").sendKeys(file("theirs.csv", HEADER, "Tom,Other," + tom + ",0,T-1," + theirs).toString());
        uploadAndAwaitResult();
        var theirImport = browser.path();
        browser.signOut();

        browser.signIn(admin(mine), ADMIN_PASSWORD);
        browser.clickAndWait("nav.subnav a[href$='/setup/imports']");
        assertThat(browser.text("#imports")).doesNotContain("theirs.csv").contains("No imports yet");
        browser.open(theirImport);
        assertThat(browser.text("h1")).isEqualTo("Not found");
        assertThat(browser.present("#sign-out")).as("Sign out on the error page too").isTrue();
        browser.open(theirImport + "/failed-rows.csv");
        assertThat(browser.text("h1")).isEqualTo("Not found");
        browser.open("/setup/users?school=" + theirs);
        assertThat(browser.text("h1")).isEqualTo("Not found");
        browser.screenshot("13-other-school-not-found");
        browser.open("/setup/users");
        assertThat(browser.text("#users caption")).contains("School " + mine, "0 users");
        browser.open("/schools");
        assertThat(browser.text("h1")).isEqualTo("Not allowed");

        // Enrolling the other school's student adds the membership; the account stays the other school's.
        browser.open("/setup/create-users");
        browser.find("#file").sendKeys(file("shared.csv", HEADER, "Renamed,ByMine," + tom + ",0,M-1," + mine)
            .toString());
        uploadAndAwaitResult();
        assertThat(browser.text("main")).contains("Account also belongs to another school");
        browser.open("/setup/users");
        assertThat(browser.text("#users")).contains("Other, Tom").contains("Other school's account")
            .doesNotContain("Renamed");
        assertThat(browser.present("#users button.resend")).as("no resend for another school's account").isFalse();
        browser.screenshot("13b-users-other-schools-account");
    }

    @Test
    void operatorCreatesASchoolEditsItsPolicyAndGrantsAndRevokesAnAdmin() {
        browser.signIn("operator@rollcall.example.com", "operator-password-1");
        browser.open("/schools");
        var id = "O" + unique();
        browser.find("#schoolId").sendKeys(id);
        browser.find("#name").sendKeys("Northside Campus");
        browser.clickAndWait("#create-school");
        assertThat(browser.path()).isEqualTo("/schools/" + id);
        assertThat(browser.text("main")).contains("School Northside Campus (" + id + ") created.");

        browser.find("#name").clear();
        browser.find("#name").sendKeys("Northside High");
        browser.find("label[for=customPasswordOverridesExisting]").click();
        browser.clickAndWait("#save-school");
        assertThat(browser.text("h1")).isEqualTo("Northside High");
        assertThat(browser.find("#customPasswordOverridesExisting").isSelected()).isTrue();

        var email = "new-admin-" + unique() + "@example.com";
        browser.find("#email").sendKeys(email);
        browser.find("#firstName").sendKeys("Nina");
        browser.find("#lastName").sendKeys("North");
        browser.find("#password").sendKeys("nina-password-1");
        browser.clickAndWait("#grant-admin");
        assertThat(browser.text("main")).contains(email + " is now an admin of this school (account created).");
        assertThat(browser.text("#admins")).contains("Nina North", email);
        browser.screenshot("14-operator-school");
        browser.clickAndWait("#admins button");
        assertThat(browser.text("main")).contains(email + " is no longer an admin of this school.");
        assertThat(browser.text("#admins")).doesNotContain(email);

        assertThat(jdbc.sql("select event from audit_event where target in (:id, :email) order by id")
            .param("id", id).param("email", email).query(String.class).list())
            .containsExactly("SCHOOL_CREATED", "POLICY_CHANGED", "ADMIN_GRANTED", "ADMIN_REVOKED");

        browser.open("/schools");
        assertThat(browser.text("#schools")).contains(id, "Northside High", "Replaces their password");
        browser.screenshot("15-operator-schools");
        browser.signOut();

        browser.signIn(email, "nina-password-1");
        assertThat(browser.path()).isEqualTo("/home");
    }

    /** A set-password link for the account, as the welcome email would carry it. */
    String link(String email, java.time.Duration expiresIn) {
        var token = "token-" + UUID.randomUUID();
        var now = java.time.OffsetDateTime.now();
        jdbc.sql("""
                insert into password_link (token_hash, account_id, created_at, expires_at)
                select :hash, id, :now, :expires from account where email_key = :email""")
            .param("hash", io.rollcall.secret.Secrets.digest(token)).param("now", now).param("expires", now.plus(expiresIn))
            .param("email", email.toLowerCase()).update();
        return token;
    }

    @Test
    void welcomeLinkSetsThePasswordOnceAndAnExpiredLinkOffersANewOne() throws IOException {
        var school = school("W" + unique());
        browser.signIn(admin(school), ADMIN_PASSWORD);
        var fresh = "fresh." + unique() + "@example.com";
        var late = "late." + unique() + "@example.com";
        browser.find("#file").sendKeys(file("welcome.csv", HEADER, "Fay,Fresh," + fresh + ",0,W-1," + school,
            "Lee,Late," + late + ",1,W-2," + school).toString());
        uploadAndAwaitResult();
        browser.signOut();

        var token = link(fresh, java.time.Duration.ofDays(7));
        browser.open("/set-password?token=" + token);
        assertThat(browser.text("main")).contains(fresh, "Passwords must be 8 to 128 characters");
        browser.screenshot("16-set-password");
        browser.find("#password").sendKeys("short");
        browser.find("#confirmPassword").sendKeys("short");
        browser.clickAndWait("#set-password");
        assertThat(browser.text("#link-error")).contains("8 to 128 characters");
        browser.find("#password").sendKeys("fresh-password-1");
        browser.find("#confirmPassword").sendKeys("fresh-password-1");
        browser.clickAndWait("#set-password");
        assertThat(browser.text("main")).contains("Your password is set.");
        browser.signIn(fresh, "fresh-password-1");
        assertThat(browser.path()).isEqualTo("/home");
        browser.signOut();

        browser.open("/set-password?token=" + token);
        assertThat(browser.text("h1")).isEqualTo("This link has already been used");

        browser.open("/set-password?token=" + link(late, java.time.Duration.ofDays(-1)));
        assertThat(browser.text("h1")).isEqualTo("This link has expired");
        browser.screenshot("17-link-expired");
        browser.clickAndWait("#new-link");
        assertThat(browser.text("main")).contains("a new welcome email with a fresh link is on its way");
        assertThat(jdbc.sql("""
                select count(*) from outbox o join account a on a.id = o.account_id
                where a.email_key = :email and o.status = 'PENDING'""")
            .param("email", late).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void tenFailedSignInsLockTheAccountWithAClearMessage() {
        var school = school("X" + unique());
        var admin = admin(school);
        for (int i = 0; i < 10; i++) {
            browser.open("/login");
            browser.find("#email").sendKeys(admin);
            browser.find("#password").sendKeys("wrong-password-" + i, Keys.ENTER);
            assertThat(browser.waitFor("#messages .banner").getText()).isEqualTo("Email or password is incorrect.");
        }
        browser.open("/login");
        browser.find("#email").sendKeys(admin);
        browser.find("#password").sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        assertThat(browser.waitFor("#messages .banner").getText())
            .startsWith("Too many failed sign-in attempts.").contains("locked for 15 minutes");
        assertThat(browser.path()).isEqualTo("/login?locked");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
