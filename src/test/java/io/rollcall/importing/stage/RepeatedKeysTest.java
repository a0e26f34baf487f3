package io.rollcall.importing.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;

import org.junit.jupiter.api.Test;

class RepeatedKeysTest {

    @Test
    void aFileOfDistinctKeysHasNoRepeats() {
        var keys = new RepeatedKeys();
        for (int i = 0; i < 50_000; i++) {
            keys.add("student" + i + "@example.com", "S" + (i % 7), "ID" + i);
        }
        assertThat(keys.emailsMayRepeat()).isFalse();
        assertThat(keys.issuedIdsMayRepeat()).isFalse();
    }

    @Test
    void anEmailKeySeenTwiceMayRepeatWhereverItIs() {
        var keys = new RepeatedKeys();
        keys.add("ann@example.com", "S1", "1");
        for (int i = 0; i < 1000; i++) {
            keys.add("other" + i + "@example.com", "S1", "X" + i);
        }
        keys.add("ann@example.com", "S2", "2");
        assertThat(keys.emailsMayRepeat()).isTrue();
        assertThat(keys.issuedIdsMayRepeat()).isFalse();
    }

    @Test
    void anIssuedIdRepeatsOnlyAtOneSchool() {
        var atTwoSchools = new RepeatedKeys();
        atTwoSchools.add("a@example.com", "S1", "7");
        atTwoSchools.add("b@example.com", "S2", "7");
        assertThat(atTwoSchools.issuedIdsMayRepeat()).isFalse();

        var atOne = new RepeatedKeys();
        atOne.add("a@example.com", "S1", "7");
        atOne.add("b@example.com", "S1", "7");
        assertThat(atOne.issuedIdsMayRepeat()).isTrue();
    }

    @Test
    void theSchoolAndTheIssuedIdAreNotReadAsOneString() {
        var keys = new RepeatedKeys();
        keys.add("a@example.com", "S1", "23");
        keys.add("b@example.com", "S12", "3");
        assertThat(keys.issuedIdsMayRepeat()).isFalse();
    }

    @Test
    void valuesThatFailedTheirCheckAreNotKeys() {
        var keys = new RepeatedKeys();
        keys.add(null, "S1", null);
        keys.add(null, "S1", null);
        keys.add("a@example.com", null, "5");
        keys.add("b@example.com", null, "5");
        assertThat(keys.emailsMayRepeat()).isFalse();
        assertThat(keys.issuedIdsMayRepeat()).isFalse();
    }

    @Test
    void aMillionRowsAreCoveredAndOneRepeatAmongThemIsFound() {
        var distinct = new RepeatedKeys();
        var oneRepeat = new RepeatedKeys();
        for (int i = 0; i < 1_000_000; i++) {
            distinct.add("s" + i + "@example.com", "S1", "I" + i);
            oneRepeat.add("s" + (i == 999_999 ? 314_159 : i) + "@example.com", "S1", "I" + i);
        }
        assertThat(distinct.emailsMayRepeat()).isFalse();
        assertThat(distinct.issuedIdsMayRepeat()).isFalse();
        assertThat(oneRepeat.emailsMayRepeat()).isTrue();
        assertThat(oneRepeat.issuedIdsMayRepeat()).isFalse();
    }

    @Test
    void aFileLongerThanItKeepsLeavesTheSearchToTheDatabase() {
        var keys = new RepeatedKeys();
        for (int i = 0; i <= RepeatedKeys.MAX_ROWS; i++) {
            keys.add("s" + i + "@example.com", "S1", "I" + i);
        }
        assertThat(keys.emailsMayRepeat()).isTrue();
        assertThat(keys.issuedIdsMayRepeat()).isTrue();
    }

    @Test
    void fingerprintsOfDistinctKeysDoNotCollideInPractice() {
        var seen = new HashSet<Long>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(RepeatedKeys.fingerprint("s" + i + "@example.com", null))).isTrue();
        }
        assertThat(RepeatedKeys.fingerprint("a", "b")).isNotEqualTo(RepeatedKeys.fingerprint("ab", null));
    }
}
