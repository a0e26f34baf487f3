/**
 * Accounts, memberships, admin and operator permission, passwords and set-password links. Owns
 * {@code account}, {@code membership}, {@code operator}, {@code school_admin}, {@code password_link}.
 */
@ApplicationModule(displayName = "account", allowedDependencies = {"school", "audit", "mail", "error", "db", "secret", "paging", "privacy", "logging"})
package io.rollcall.account;

import org.springframework.modulith.ApplicationModule;
