/**
 * The audit log of security events; every module may write to it. Owns {@code audit_event}.
 */
@ApplicationModule(displayName = "audit", allowedDependencies = {"paging", "db", "privacy"})
package io.rollcall.audit;

import org.springframework.modulith.ApplicationModule;
