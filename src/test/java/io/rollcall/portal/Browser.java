package io.rollcall.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile and its own
 * download folder. Nothing is downloaded: the driver and the browser are named explicitly, so
 * Selenium Manager never runs. A missing browser fails the test, it does not skip it.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String DRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final String base;

    Browser(String base) throws IOException {
        this.base = base;
        var chromium = onPath("chromium").orElseThrow(() -> new AssertionError(
            "Chromium is not installed: apt-get install -y chromium chromium-driver (.ci/run does this)"));
        if (!new File(DRIVER).canExecute()) {
            throw new AssertionError("chromedriver is missing at " + DRIVER + ": apt-get install -y chromium-driver");
        }
        profile = Files.createTempDirectory("rollcall-chromium-profile-");
        downloads = Files.createTempDirectory("rollcall-downloads-");
        System.setProperty("webdriver.chrome.driver", DRIVER);
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            "--user-data-dir=" + profile, "--window-size=1366,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true,
            "safebrowsing.enabled", false));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort()
            .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1366, 1000));
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
            .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        var url = driver.getCurrentUrl();
        return url.substring(base.length());
    }

    /** The element, waiting a little for a page that is still loading. */
    WebElement find(String css) {
        try {
            return await(10).until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            // Say what page the browser is on instead: that is what explains the failure.
            var page = driver.getPageSource();
            throw new AssertionError("No " + css + " on " + driver.getCurrentUrl() + ":\n"
                + page.substring(0, Math.min(page.length(), 3000)), e);
        }
    }

    /** Clicks a button or link that loads another page, and waits until that page has loaded. */
    void clickAndWait(String css) {
        var old = driver.findElement(By.tagName("html"));
        find(css).click();
        await(30).until(d -> isGone(old));
        await(30).until(d -> "complete".equals(script("return document.readyState")));
    }

    // Chromium sometimes answers a question about an element of the page just left with an
    // inspector error ("Node with given id does not belong to the document") instead of the
    // stale-element error; both mean the old page is gone.
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    WebDriverWait await(int seconds) {
        var wait = new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
        // A page that is being replaced leaves stale elements behind; look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    WebElement waitFor(String css) {
        return await(60).until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void signIn(String email, String password) {
        open("/login");
        find("#email").sendKeys(email);
        find("#password").sendKeys(password);
        find("#sign-in").click();
        await(20).until(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    void signOut() {
        find("#sign-out").click();
        await(20).until(d -> d.getCurrentUrl().contains("/login"));
    }

    /** Drops the file on the element as a person dragging it from their desktop would. */
    void dropFile(WebElement target, Path file) {
        var source = (WebElement) script("""
                var input = document.createElement('input');
                input.type = 'file';
                input.id = 'test-drag-source';
                document.body.appendChild(input);
                return input;""");
        source.sendKeys(file.toAbsolutePath().toString());
        script("""
                var zone = arguments[0];
                var source = document.getElementById('test-drag-source');
                var data = new DataTransfer();
                data.items.add(source.files[0]);
                ['dragenter', 'dragover', 'drop'].forEach(function (type) {
                  zone.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
                });
                source.remove();""", target);
    }

    /** Waits for a finished download with that name and returns it. */
    Path awaitDownload(String name) {
        var file = downloads.resolve(name);
        await(30).until(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS.resolve(name).getParent());
            // The whole page, not only the window: Chromium's own full-page capture.
            var metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            var content = (Map<String, Object>) metrics.get("cssContentSize");
            var clip = Map.of("x", 0, "y", 0, "scale", 1,
                // The content size leaves out the scrollbar's width, which the page's layout still uses.
                "width", Math.max(((Number) content.get("width")).doubleValue(),
                    ((Number) script("return window.innerWidth")).doubleValue()),
                "height", Math.min(((Number) content.get("height")).doubleValue(), 6000));
            var shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
            var png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    WebDriver raw() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
