/**
 * Tokens and their digests ({@code Secrets}), written once for every module that hands out a
 * bearer secret. Open: every module may use it.
 */
@ApplicationModule(displayName = "secret", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.rollcall.secret;

import org.springframework.modulith.ApplicationModule;
