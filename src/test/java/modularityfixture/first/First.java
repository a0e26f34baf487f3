package modularityfixture.first;

import modularityfixture.second.Second;

/** Uses the second module, which its package-info does not allow. */
public class First {

    public String name() {
        return new Second().name();
    }
}
