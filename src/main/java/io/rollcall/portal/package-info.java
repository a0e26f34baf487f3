/**
 * The Admin Portal: Thymeleaf pages over the same services as the API.
 */
@ApplicationModule(displayName = "portal", allowedDependencies = {"importing", "importing :: *", "account", "school", "auth", "audit", "error"})
package io.rollcall.portal;

import org.springframework.modulith.ApplicationModule;
