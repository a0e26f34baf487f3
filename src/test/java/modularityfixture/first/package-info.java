@ApplicationModule(allowedDependencies = {})
package modularityfixture.first;

import org.springframework.modulith.ApplicationModule;
