package io.rollcall.logging;

import java.util.Collection;

import org.slf4j.MDC;

/**
 * The fields of the logging context (SLF4J's MDC): with {@code logging.structured.format.console=ecs}
 * or {@code logstash} each is a field of every JSON line logged while it is set. They name people by
 * account id, never by email.
 */
public final class LogFields {

    /** The import being processed. */
    public static final String IMPORT_ID = "import.id";
    /** The school the work is for, when it is for one school. */
    public static final String SCHOOL_ID = "school.id";
    /** The signed-in person's account id, or the uploader's. */
    public static final String USER_ID = "user.id";
    /** The school API key that signed in, or uploaded. */
    public static final String API_KEY_ID = "api_key.id";

    private LogFields() {
    }

    /** Sets the school when there is exactly one; several (an operator's upload) name none. */
    public static void school(Collection<String> schoolIds) {
        if (schoolIds.size() == 1) {
            MDC.put(SCHOOL_ID, schoolIds.iterator().next());
        } else {
            MDC.remove(SCHOOL_ID);
        }
    }

    /** Removes every field this class sets, at the end of a request or a job. */
    public static void clear() {
        MDC.remove(IMPORT_ID);
        MDC.remove(SCHOOL_ID);
        MDC.remove(USER_ID);
        MDC.remove(API_KEY_ID);
    }
}
