package io.rollcall.importing.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs how long each statement of the apply step took (DEBUG), to find the one a large file makes slow. */
final class StepTimer {

    private static final Logger log = LoggerFactory.getLogger(Applier.class);

    private final String importId;
    private long last = System.nanoTime();

    StepTimer(String importId) {
        this.importId = importId;
    }

    void done(String step) {
        long now = System.nanoTime();
        if (log.isDebugEnabled()) {
            log.debug("Import {}: {} took {} ms", importId, step, (now - last) / 1_000_000);
        }
        last = now;
    }
}
