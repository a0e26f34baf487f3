/**
 * The Create Users import: uploads, their stored files, the worker, parse, validate, stage, apply
 * and report. Owns the {@code import_*} tables. Its apply step is the one named exception to "one
 * owner per table": its set-based statements write the account module's tables (see
 * {@code apply.Applier}), because that is what makes a 100,000-row file cost a dozen statements.
 */
@ApplicationModule(displayName = "importing", allowedDependencies = {"account", "auth", "school", "audit", "mail", "error", "db", "secret", "paging", "privacy", "logging"})
package io.rollcall.importing;

import org.springframework.modulith.ApplicationModule;
