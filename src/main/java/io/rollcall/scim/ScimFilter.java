package io.rollcall.scim;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The filters identity providers send to find a user before they create one: {@code userName eq
 * "..."}, {@code externalId eq "..."}, {@code id eq "..."} and {@code emails[type eq "work"].value eq
 * "..."} (or {@code emails.value eq}). Anything else is an invalidFilter error.
 */
record ScimFilter(Attribute attribute, String value) {

    enum Attribute { EMAIL, EXTERNAL_ID }

    private static final Pattern EQUALS = Pattern.compile(
        "^\\s*(userName|id|externalId|emails(?:\\[\\s*type\\s+eq\\s+\"work\"\\s*])?\\.value)\\s+eq\\s+\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*$",
        Pattern.CASE_INSENSITIVE);

    /** The filter, or null for none. */
    static ScimFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        var match = EQUALS.matcher(filter);
        if (!match.matches()) {
            throw new ScimException(400, "invalidFilter", "Rollcall filters users by userName, id, externalId or"
                + " emails.value with eq, e.g. userName eq \"ada@example.org\"");
        }
        var attribute = match.group(1).toLowerCase(Locale.ROOT).equals("externalid") ? Attribute.EXTERNAL_ID
            : Attribute.EMAIL;
        return new ScimFilter(attribute, match.group(2).replaceAll("\\\\(.)", "$1"));
    }
}
