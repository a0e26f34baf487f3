package io.rollcall.importing.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same fuzz target as {@link RosterPipelineFuzzTest}, for an hour, for humans; its name keeps it
 * out of the normal test run:
 * {@code ./mvnw -B test-compile surefire:test@fuzz -Dfuzz.test=RosterPipelineLongFuzz}.
 */
class RosterPipelineLongFuzz {

    @MethodSource("io.rollcall.importing.fuzz.FuzzCorpus#seeds")
    @FuzzTest(maxDuration = "1h")
    void anyUploadIsAFileErrorOrRowsThatKeepTheRules(byte[] file) {
        RosterPipeline.check(file);
    }
}
