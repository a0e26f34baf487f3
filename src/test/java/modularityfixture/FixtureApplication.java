package modularityfixture;

import org.springframework.modulith.Modulithic;

/** The root of two modules, the first of which uses the second without declaring it (see ModularityTests). */
@Modulithic
public class FixtureApplication {
}
