package io.rollcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.TreeSet;

import com.tngtech.archunit.core.importer.ImportOption;

import modularityfixture.FixtureApplication;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * The module structure of {@code docs/architecture.md}, checked: each module uses only the modules
 * its {@code package-info.java} allows, only through their exposed types, and no cycle. The
 * diagrams in {@code docs/modules/} are drawn from the same structure, and must be current:
 * {@code ./mvnw -B test -Dtest=ModularityTests -Drollcall.refresh-docs=true} redraws them.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(RollcallApplication.class);
    private static final Path DOCS = Path.of("docs", "modules");

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

    @Test
    void theModuleDiagramsInTheDocsAreCurrent() throws IOException {
        var output = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(output.toString()))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml();
        var mermaid = mermaid();
        if (Boolean.getBoolean("rollcall.refresh-docs")) {
            Files.createDirectories(DOCS);
            try (var files = Files.list(output)) {
                for (var file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                    Files.copy(file, DOCS.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(DOCS.resolve("modules.md"), mermaid);
        }
        assertThat(DOCS.resolve("modules.md")).as("docs/modules/modules.md; redraw it with "
            + "./mvnw -B test -Dtest=ModularityTests -Drollcall.refresh-docs=true").hasContent(mermaid);
    }

    // The modules and the dependencies they use, as a Mermaid graph (GitHub draws it).
    private static String mermaid() {
        var lines = new TreeSet<String>();
        for (var module : MODULES) {
            module.getDirectDependencies(MODULES).uniqueModules()
                .sorted(Comparator.comparing(ApplicationModule::getName))
                .forEach(target -> lines.add("    " + module.getName() + " --> " + target.getName()));
        }
        var text = new StringBuilder("""
                # Rollcall's modules

                Drawn by `ModularityTests` from the code (`./mvnw -B test -Dtest=ModularityTests \
                -Drollcall.refresh-docs=true`), with Spring Modulith's PlantUML files beside this one. An arrow
                is a dependency in the code; `package-info.java` of each module says which it may have.

                ```mermaid
                graph LR
                """);
        lines.forEach(line -> text.append(line).append('\n'));
        return text.append("```\n").toString();
    }
}
