/**
 * SCIM 2.0 (RFC 7643/7644) for identity providers (Microsoft Entra ID, Okta): a school's API key
 * provisions that school's students and instructors. A face over the import pipeline (one person
 * at a time), the lifecycle and the user lists; owns no table.
 */
@ApplicationModule(displayName = "scim", allowedDependencies = {"account", "auth", "importing", "error", "paging"})
package io.rollcall.scim;

import org.springframework.modulith.ApplicationModule;
