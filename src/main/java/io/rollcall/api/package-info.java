/**
 * The REST API v1: thin controllers over the module services, and problem details.
 */
@ApplicationModule(displayName = "api", allowedDependencies = {"importing", "importing :: *", "account", "school", "auth", "audit", "error", "paging"})
package io.rollcall.api;

import org.springframework.modulith.ApplicationModule;
