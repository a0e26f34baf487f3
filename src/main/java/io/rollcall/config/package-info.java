/**
 * Wiring: the security filter chains, the password encoder, the clock, error answers outside Spring
 * MVC, health. Owns no table but Flyway's history.
 */
@ApplicationModule(displayName = "config", allowedDependencies = {"auth", "importing", "error", "privacy", "logging"})
package io.rollcall.config;

import org.springframework.modulith.ApplicationModule;
