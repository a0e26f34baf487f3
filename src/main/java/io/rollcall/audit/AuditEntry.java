package io.rollcall.audit;

import java.time.OffsetDateTime;

/** One audited event: what happened, who did it from where, to what. */
public record AuditEntry(long id, OffsetDateTime occurredAt, String event, String actorEmail, String clientAddress,
        String target, String details) {
}
