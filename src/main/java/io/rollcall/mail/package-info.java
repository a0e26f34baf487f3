/**
 * Welcome emails: the outbox, its relay, the SMTP or .eml transport, the templates. Owns {@code outbox}.
 * Knows no account: what an email says comes through the {@code WelcomeDetails} port that the
 * account module implements.
 */
@ApplicationModule(displayName = "mail", allowedDependencies = {"error", "db", "privacy", "logging"})
package io.rollcall.mail;

import org.springframework.modulith.ApplicationModule;
