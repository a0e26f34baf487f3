package io.rollcall.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The last line of defence of JSON logs ({@code logging.structured.json.customizer}): every text value
 * of a line, its message and its stack trace too, has its email addresses masked, so that one in an
 * exception's message (a database's "Key (email_key)=(...) already exists") does not reach the log.
 * The log statements mask what they know of themselves; this catches what they cannot know.
 */
public class RedactedJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, Redact::text));
    }
}
