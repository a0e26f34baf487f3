/**
 * Every error code of the contract, defined once ({@code ErrorCode}), and the exception that carries one.
 * Open: every module may use it.
 */
@ApplicationModule(displayName = "error", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.rollcall.error;

import org.springframework.modulith.ApplicationModule;
