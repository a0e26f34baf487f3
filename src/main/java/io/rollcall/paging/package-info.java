/**
 * Paged lists: {@code Page} and {@code PageRequest}, one shape for every list of every module.
 * Open: every module may use it.
 */
@ApplicationModule(displayName = "paging", type = ApplicationModule.Type.OPEN, allowedDependencies = {"error"})
package io.rollcall.paging;

import org.springframework.modulith.ApplicationModule;
