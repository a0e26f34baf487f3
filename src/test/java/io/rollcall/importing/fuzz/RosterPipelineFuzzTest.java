package io.rollcall.importing.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the CSV reading and row checks (sniff, header, rows, validator) with Jazzer. Under
 * {@code ./mvnw verify} the {@code fuzz} Surefire execution fuzzes for a few seconds
 * (JAZZER_FUZZ=1) starting from the corpus; without JAZZER_FUZZ it replays the corpus only. Each
 * input has {@link RosterPipeline#CPU_LIMIT} of CPU: a slower one is reported as a hang. See "Fuzzing" in the README for a long run.
 */
class RosterPipelineFuzzTest {

    @MethodSource("io.rollcall.importing.fuzz.FuzzCorpus#seeds")
    @FuzzTest(maxDuration = "15s")
    void anyUploadIsAFileErrorOrRowsThatKeepTheRules(byte[] file) {
        RosterPipeline.check(file);
    }
}
