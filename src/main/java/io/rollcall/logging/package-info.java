/**
 * What logs may say: the fields every JSON log line can carry ({@code LogFields}) and emails masked
 * before they reach a log ({@code Redact}). Open: every module may use it.
 */
@ApplicationModule(displayName = "logging", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.rollcall.logging;

import org.springframework.modulith.ApplicationModule;
