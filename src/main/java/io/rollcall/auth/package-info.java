/**
 * Signing in: the password check with its lockout, API tokens, the signed-in {@code CurrentUser}.
 * Owns {@code api_token} and {@code login_failure}; reads accounts through the account module.
 */
@ApplicationModule(displayName = "auth", allowedDependencies = {"account", "audit", "error", "secret", "privacy"})
package io.rollcall.auth;

import org.springframework.modulith.ApplicationModule;
