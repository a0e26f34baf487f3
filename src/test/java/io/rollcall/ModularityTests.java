package io.rollcall;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;

import modularityfixture.FixtureApplication;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The module structure of {@code docs/architecture.md}, checked: each module uses only the modules
 * its {@code package-info.java} allows, only through their exposed types, and no cycle.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(RollcallApplication.class);

    @Test
    void modulesUseOnlyWhatTheyDeclare() {
        MODULES.verify();
    }

    // The check can fail: a module that uses one it does not declare is a violation.
    @Test
    void anUndeclaredDependencyFailsTheCheck() {
        // The fixture lives among the tests, which Modulith leaves out unless told otherwise.
        ImportOption everything = location -> true;
        assertThatThrownBy(() -> ApplicationModules.of(FixtureApplication.class, everything).verify())
            .isInstanceOf(Violations.class)
            .hasMessageContaining("Module 'first' depends on module 'second'");
    }
}
