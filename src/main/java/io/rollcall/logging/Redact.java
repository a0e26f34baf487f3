package io.rollcall.logging;

import java.util.regex.Pattern;

/**
 * Email addresses as logs may show them: {@code jane.doe@example.com} becomes {@code j***@example.com},
 * enough to tell a domain's trouble (a school's mail server refusing) without naming the person.
 */
public final class Redact {

    // Loose on purpose: whatever looks like an address in a mail server's reply is masked too.
    private static final Pattern EMAIL = Pattern.compile("([\\p{L}\\p{N}_])[\\p{L}\\p{N}._%+'-]*@([\\p{L}\\p{N}.-]+)");

    private Redact() {
    }

    /** One address, masked; null stays null. */
    public static String email(String email) {
        return text(email);
    }

    /** Any text with every address in it masked, as an SMTP server's reply that quotes the recipient. */
    public static String text(String text) {
        return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
    }
}
