/**
 * Personal data, declared in one place per module: each module that keeps tables says what they
 * hold about people and how to export and erase one person's share ({@code PersonalData}); the
 * registry answers access requests and erasures from those declarations, and finds any table that
 * no module declared. Open: every module with tables implements it.
 */
@ApplicationModule(displayName = "privacy", type = ApplicationModule.Type.OPEN, allowedDependencies = {})
package io.rollcall.privacy;

import org.springframework.modulith.ApplicationModule;
