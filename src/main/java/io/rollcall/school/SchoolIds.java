package io.rollcall.school;

import java.util.regex.Pattern;

import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

/**
 * The rule for a schoolID: 1 to 64 letters, digits, '.', '_' and '-'. Such an id is safe in a URL
 * path, a CSV cell and a log line as it is, so every page and endpoint can name the school.
 */
public final class SchoolIds {

    public static final String RULE = "A schoolID is 1 to 64 letters, digits, '.', '_' or '-'.";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private SchoolIds() {
    }

    /**
     * @return the id, trimmed
     * @throws RollcallException INVALID_SCHOOL_ID when it breaks the rule
     */
    public static String check(String schoolId) {
        var id = schoolId == null ? "" : schoolId.strip();
        if (!VALID.matcher(id).matches()) {
            throw new RollcallException(ErrorCode.INVALID_SCHOOL_ID, RULE);
        }
        return id;
    }
}
