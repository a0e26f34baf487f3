package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.rollcall.school.Languages;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The bundles and the templates: every key in every language, none empty or unused, each pattern
 * well formed; and no template holding a sentence of its own instead of a message.
 */
class MessagesTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Path TEMPLATES = RESOURCES.resolve("templates");
    // What people read besides text: a template's attributes must take these from the bundles too.
    static final List<String> READ_ATTRIBUTES = List.of("title", "aria-label", "placeholder", "alt", "value",
        "aria-description", "label");
    // Not words of any language: the product's name, the CSV columns' names, symbols and example data.
    static final Pattern NOT_A_SENTENCE = Pattern.compile(
        "[\\s\\p{Punct}·…–0-9]*|Rollcall|firstName|lastName|email|isTeacher|issuedID|schoolID|Jane|Doe"
            + "|jane\\.doe@example\\.com");

    static Properties bundle(String language) throws IOException {
        var name = language.equals("en") ? "messages.properties" : "messages_" + language + ".properties";
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    static Map<String, Properties> bundles() throws IOException {
        var bundles = new LinkedHashMap<String, Properties>();
        for (var locale : Languages.SUPPORTED) {
            bundles.put(locale.getLanguage(), bundle(locale.getLanguage()));
        }
        return bundles;
    }

    @Test
    void everyLanguageHasEveryKeyAndNoOthers() throws IOException {
        var english = new TreeSet<>(bundle("en").stringPropertyNames());
        assertThat(english).hasSizeGreaterThan(300);
        for (var entry : bundles().entrySet()) {
            assertThat(new TreeSet<>(entry.getValue().stringPropertyNames())).as(entry.getKey())
                .containsExactlyElementsOf(english);
        }
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        for (var entry : bundles().entrySet()) {
            entry.getValue().forEach((key, value) ->
                assertThat(value.toString().strip()).as(entry.getKey() + ": " + key).isNotEmpty());
        }
    }

    // Spring reads a message with arguments through MessageFormat (an apostrophe is written ''), and
    // one without as it is: a mix-up shows a stray or missing apostrophe.
    @Test
    void apostrophesAreWrittenAsEachMessageIsRead() throws IOException {
        for (var entry : bundles().entrySet()) {
            for (var key : entry.getValue().stringPropertyNames()) {
                var value = entry.getValue().getProperty(key);
                var what = entry.getKey() + ": " + key;
                if (value.contains("{") && !key.equals("format.date-time")) {
                    assertThat(value.replace("''", "")).as(what).doesNotContain("'");
                    var format = new MessageFormat(value, Locale.forLanguageTag(entry.getKey()));
                    assertThat(format.getFormats()).as(what).isNotEmpty();
                } else {
                    assertThat(value).as(what).doesNotContain("''");
                }
            }
        }
    }

    @Test
    void eachLanguageUsesTheSameArguments() throws IOException {
        var english = bundle("en");
        var argument = Pattern.compile("\\{(\\d)");
        for (var entry : bundles().entrySet()) {
            for (var key : english.stringPropertyNames()) {
                if (key.equals("format.date-time")) {
                    continue;
                }
                assertThat(arguments(argument, entry.getValue().getProperty(key))).as(entry.getKey() + ": " + key)
                    .isEqualTo(arguments(argument, english.getProperty(key)));
            }
        }
    }

    private static TreeSet<String> arguments(Pattern argument, String value) {
        var found = new TreeSet<String>();
        argument.matcher(value).results().forEach(m -> found.add(m.group(1)));
        return found;
    }

    @Test
    void everyKeyIsUsed() throws IOException {
        var sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (var file : files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().matches(".*\\.(java|html|txt|js)$")).toList()) {
                sources.append(Files.readString(file)).append('\n');
            }
        }
        var unused = new ArrayList<String>();
        for (var key : bundle("en").stringPropertyNames()) {
            // Read back from the services' English sentences by family (PortalMessages).
            if (key.startsWith("problem.") || key.startsWith("what.")) {
                continue;
            }
            if (!Pattern.compile("[\"'{]" + Pattern.quote(key) + "[\"'}(]").matcher(sources).find()) {
                unused.add(key);
            }
        }
        assertThat(unused).isEmpty();
    }

    @Test
    void noTemplateHoldsASentenceOfItsOwn() throws IOException {
        var literal = new ArrayList<String>();
        try (Stream<Path> files = Stream.concat(Files.list(TEMPLATES), Files.list(RESOURCES.resolve("mail")))) {
            for (var file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                literals(Jsoup.parse(file.toFile(), "UTF-8")).forEach(l -> literal.add(file.getFileName() + ": " + l));
            }
        }
        assertThat(literal).isEmpty();
    }

    @Test
    void theTemplateCheckFindsASentence() {
        var page = Jsoup.parse("<p>Hello <span th:text=\"#{x}\">there</span></p><a aria-label=\"Close\"><svg></svg></a>"
            + "<img alt=\"x\" th:alt=\"#{y}\"><span th:text=\"#{z}\" title=\"Zoom\">zz</span>");
        assertThat(literals(page)).containsExactly("<p> Hello", "<a aria-label> Close", "<span title> Zoom");
    }

    /** The text and the read attributes of a template that do not come from a message. */
    static List<String> literals(Document page) {
        var literal = new ArrayList<String>();
        for (var element : page.getAllElements()) {
            if (!replacesItsContent(element)) {
                for (var text : element.textNodes()) {
                    if (!NOT_A_SENTENCE.matcher(text.text().strip()).matches()) {
                        literal.add("<" + element.tagName() + "> " + text.text().strip());
                    }
                }
            }
            for (var attribute : READ_ATTRIBUTES) {
                if (element.hasAttr(attribute) && !element.hasAttr("th:" + attribute)
                        && !(attribute.equals("value") && !isButton(element))
                        && !NOT_A_SENTENCE.matcher(element.attr(attribute)).matches()) {
                    literal.add("<" + element.tagName() + " " + attribute + "> " + element.attr(attribute));
                }
            }
        }
        return literal;
    }

    // th:text and its kin replace the prototype text a template shows when opened as a file.
    private static boolean replacesItsContent(Element element) {
        for (var parent = element; parent != null; parent = parent.parent()) {
            if (parent.hasAttr("th:text") || parent.hasAttr("th:utext") || parent.hasAttr("th:replace")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isButton(Element element) {
        return element.tagName().equals("input") && element.attr("type").matches("submit|button|reset");
    }
}
