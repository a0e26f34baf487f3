/**
 * Schools and their policy. Owns {@code school}.
 */
@ApplicationModule(displayName = "school", allowedDependencies = {"audit", "error", "db", "privacy"})
package io.rollcall.school;

import org.springframework.modulith.ApplicationModule;
