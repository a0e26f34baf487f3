package io.rollcall.portal;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the English sentences the services write (row errors, warnings, file errors, refusals;
 * the API's {@code detail}) into a message key and its arguments, so that a page can say them in
 * its reader's language. The English bundle holds each sentence's pattern under
 * {@code <family>.<CODE>[.variant]}, written so that it formats to exactly what the service wrote;
 * MessagesTests holds every pattern to that. Thread-safe.
 */
final class EnglishMessages {

    /** A sentence read back: the key of its pattern, and the arguments in it, as written. */
    record Match(String key, Object[] args) {
    }

    private record Known(String key, Pattern pattern, int literalLength) {
    }

    private final List<Known> known;

    EnglishMessages(String... families) {
        var english = ResourceBundle.getBundle("messages", Locale.ROOT);
        var found = new ArrayList<Known>();
        for (var key : english.keySet()) {
            for (var family : families) {
                if (key.startsWith(family + ".")) {
                    found.add(known(key, english.getString(key)));
                }
            }
        }
        // Where two patterns fit one sentence, the one with more fixed words is the sentence's own.
        found.sort(Comparator.comparingInt(Known::literalLength).reversed().thenComparing(Known::key));
        this.known = List.copyOf(found);
    }

    /**
     * The pattern that formats to the sentence: among the keys {@code <family>.<code>} and
     * {@code <family>.<code>.*} when a code is given, else among all of the families' keys.
     */
    Optional<Match> read(String family, String code, String sentence) {
        if (sentence == null) {
            return Optional.empty();
        }
        var exact = code == null ? null : family + "." + code;
        for (var candidate : known) {
            var key = candidate.key();
            var fits = exact == null ? key.startsWith(family + ".") : key.equals(exact) || key.startsWith(exact + ".");
            if (!fits) {
                continue;
            }
            Matcher m = candidate.pattern().matcher(sentence);
            if (m.matches()) {
                var args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group("a" + i);
                }
                return Optional.of(new Match(key, args));
            }
        }
        return Optional.empty();
    }

    // "{0} is longer than {1} characters" -> ^(?<a0>.+?) is longer than (?<a1>.+?) characters$
    private static Known known(String key, String pattern) {
        // Spring reads a message without arguments as it is written, apostrophes and all.
        if (!pattern.contains("{")) {
            return new Known(key, Pattern.compile("^" + Pattern.quote(pattern) + "$"), pattern.length());
        }
        var format = new MessageFormat(pattern, Locale.ROOT);
        int count = format.getFormatsByArgumentIndex().length;
        var marker = new Object[count];
        for (int i = 0; i < count; i++) {
            marker[i] = "\u0000" + i + "\u0000";
        }
        var text = format.format(marker);
        var regex = new StringBuilder("^");
        int literal = 0;
        var parts = text.split("\u0000", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                regex.append(Pattern.quote(parts[i]));
                literal += parts[i].length();
            } else {
                regex.append("(?<a").append(parts[i]).append(">.+?)");
            }
        }
        return new Known(key, Pattern.compile(regex.append("$").toString(), Pattern.DOTALL), literal);
    }
}
