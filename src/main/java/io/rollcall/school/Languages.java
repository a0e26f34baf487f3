package io.rollcall.school;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Rollcall speaks: its pages, and the welcome emails a school's {@code locale} chooses.
 * English is the default and the API's language. Adding one: docs/languages.md.
 */
public final class Languages {

    public static final Locale DEFAULT = Locale.ENGLISH;

    /** In the order the page footer offers them. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.FRENCH);

    private Languages() {
    }

    /** The supported language a tag names ("es", "ES", "es-MX" are Spanish); empty for any other. */
    public static Optional<Locale> parse(String tag) {
        if (tag == null || tag.isBlank() || !tag.strip().matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")) {
            return Optional.empty();
        }
        var language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** The tags a request may give, for messages: "en, es, fr". */
    public static String tags() {
        return String.join(", ", SUPPORTED.stream().map(Locale::toLanguageTag).toList());
    }
}
