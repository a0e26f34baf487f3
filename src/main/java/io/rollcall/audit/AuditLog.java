package io.rollcall.audit;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.servlet.http.HttpServletRequest;

import io.rollcall.paging.Page;
import io.rollcall.paging.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of security-relevant events. Every feature may write to it; each entry commits on
 * its own, so that a refused or rolled-back action is still recorded. Never holds a password.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditEvent event, String actorEmail, String target, String details) {
        insert(event, actorEmail, target, details);
    }

    private void insert(AuditEvent event, String actorEmail, String target, String details) {
        jdbc.sql("""
                insert into audit_event (occurred_at, event, actor_email, client_address, target, details)
                values (:now, :event, :actor, :address, :target, :details)""")
            .param("now", OffsetDateTime.now(clock))
            .param("event", event.name())
            .param("actor", cut(actorEmail, 254))
            .param("address", clientAddress())
            .param("target", cut(target, 254))
            .param("details", cut(details, 1000))
            .update();
    }

    /**
     * Records an action in the caller's transaction: the entry commits with the change it records,
     * and not without it (a change that rolls back leaves no entry saying it happened).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordWithChange(AuditEvent event, String actorEmail, String target, String details) {
        insert(event, actorEmail, target, details);
    }

    /** A page of the log, newest first. */
    public Page<AuditEntry> page(PageRequest request) {
        var entries = jdbc.sql("""
                select id, occurred_at, event, actor_email, client_address, target, details from audit_event
                order by id desc limit :size offset :offset""")
            .param("size", request.size()).param("offset", request.offset())
            .query(AuditEntry.class).list();
        long total = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        return new Page<>(entries, total, request.page(), request.size());
    }

    /** The entries about one person (their email as the target, any case), oldest first. */
    public java.util.List<AuditEntry> about(String email) {
        return jdbc.sql("""
                select id, occurred_at, event, actor_email, client_address, target, details from audit_event
                where lower(target) = :key order by id""")
            .param("key", email.trim().toLowerCase(java.util.Locale.ROOT))
            .query(AuditEntry.class).list();
    }

    /** The address of the client of the current request, or null outside a request. */
    public static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return cut(request.getRemoteAddr(), 64);
        }
        return null;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
