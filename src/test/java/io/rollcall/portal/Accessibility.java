package io.rollcall.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit every page passes, at a desktop's width (1280 CSS px) and a phone's (320, or 400% zoom):
 * no violation of the WCAG 2.2 AA rules axe-core checks (src/test/resources/axe, injected into the
 * page), and no sideways scrolling of the page itself.
 */
final class Accessibility {

    static final List<Integer> WIDTHS = List.of(1280, 320);
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final String AXE = axeSource();

    private Accessibility() {
    }

    private static String axeSource() {
        try (var in = Accessibility.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new AssertionError("axe-core is missing from src/test/resources/axe (see its README.md)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays the page out at that width, as a phone or a desktop browser would. */
    static void width(Browser browser, int cssPixels) {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", cssPixels,
            "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    static void resetWidth(Browser browser) {
        browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /**
     * What is wrong with the page open in the browser at each width, named after {@code page}
     * (a screenshot of each width is saved too); empty when nothing is.
     */
    static List<String> audit(Browser browser, String page) {
        var problems = new ArrayList<String>();
        for (int width : WIDTHS) {
            width(browser, width);
            var where = page + " at " + width + "px (" + browser.path() + ", " + browser.script(
                "return document.documentElement.lang") + ")";
            problems.addAll(sidewaysScroll(browser, where));
            problems.addAll(violations(browser, where));
            browser.screenshot("a11y/" + page + "-" + width);
        }
        resetWidth(browser);
        return problems;
    }

    // The page may not scroll sideways; a table may, inside its own box.
    private static List<String> sidewaysScroll(Browser browser, String where) {
        @SuppressWarnings("unchecked")
        var wide = (List<String>) browser.script("""
                var root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) { return []; }
                var found = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var box = e.getBoundingClientRect();
                  var inScrollBox = e.closest('.table-wrap') && !e.classList.contains('table-wrap');
                  if (box.right > root.clientWidth + 1 && !inScrollBox && found.length < 5) {
                    found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className
                      + ' right=' + Math.round(box.right));
                  }
                });
                return ['page ' + root.scrollWidth + 'px wide in ' + root.clientWidth + 'px: ' + found.join(', ')];""");
        return wide.stream().map(w -> where + ": scrolls sideways, " + w).toList();
    }

    private static List<String> violations(Browser browser, String where) {
        browser.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (!Boolean.TRUE.equals(browser.script("return typeof window.axe !== 'undefined'"))) {
            browser.script(AXE);
        }
        @SuppressWarnings("unchecked")
        var found = (List<String>) browser.driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                  .then(function (result) {
                    done(result.violations.map(function (v) {
                      return v.id + ' (' + v.impact + '): ' + v.help + ' - ' + v.nodes.slice(0, 3).map(function (n) {
                        return n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ');
                      }).join(' | ');
                    }));
                  })
                  .catch(function (e) { done(['axe failed: ' + e]); });""", WCAG_22_AA);
        return found.stream().map(v -> where + ": " + v).toList();
    }
}
