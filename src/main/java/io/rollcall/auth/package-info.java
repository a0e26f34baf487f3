/**
 * Signing in: the password check with its lockout, API tokens and schools' API keys, the signed-in {@code CurrentUser}.
 * Owns {@code api_token}, {@code api_key} and {@code login_failure}; reads accounts through the account module.
 */
@ApplicationModule(displayName = "auth", allowedDependencies = {"account", "school", "audit", "error", "secret", "privacy"})
package io.rollcall.auth;

import org.springframework.modulith.ApplicationModule;
