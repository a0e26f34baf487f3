/**
 * The Admin Portal: Thymeleaf pages over the same services as the API.
 */
@ApplicationModule(displayName = "portal", allowedDependencies = {"importing", "importing :: *", "account", "school", "auth", "audit", "error", "paging"})
package io.rollcall.portal;

import org.springframework.modulith.ApplicationModule;
