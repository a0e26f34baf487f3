/**
 * Which database Rollcall runs on ({@code Dialect}): the one place that knows PostgreSQL from H2.
 * Open: every module may use it.
 */
@ApplicationModule(displayName = "db", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.rollcall.db;

import org.springframework.modulith.ApplicationModule;
