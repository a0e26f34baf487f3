package io.rollcall.importing.stage;

import java.util.Arrays;

/**
 * Whether two staged rows may share an email or, at one school, an issuedID, learnt while the rows
 * are staged: a 64-bit fingerprint of each key, sorted and compared once at the end. A "no" is
 * certain, since equal keys have equal fingerprints, and spares the apply step the database's search
 * for duplicates; a "maybe" (a real repeat, two fingerprints that collide, or a file longer than
 * {@link #MAX_ROWS}) leaves that search to the database, as before. 16 bytes a row at most.
 */
final class RepeatedKeys {

    // 8 MB at most; a longer file leaves the search to the database. (Kept up to 2^20 rows, the
    // benchmark's peak heap at 1,000,000 rows rose from 106-121 MB to 150-192 MB of its 256.)
    static final int MAX_ROWS = 1 << 19;

    private final Fingerprints emails = new Fingerprints();
    private final Fingerprints issuedIds = new Fingerprints();

    /** Notes one staged row's keys, as the duplicate checks read them (null when the value failed). */
    void add(String emailKey, String schoolId, String issuedId) {
        if (emailKey != null) {
            emails.add(fingerprint(emailKey, null));
        }
        if (schoolId != null && issuedId != null) {
            issuedIds.add(fingerprint(schoolId, issuedId));
        }
    }

    /** False only when no two staged rows share an email key. */
    boolean emailsMayRepeat() {
        return emails.mayRepeat();
    }

    /** False only when no two staged rows share a school and an issuedID. */
    boolean issuedIdsMayRepeat() {
        return issuedIds.mayRepeat();
    }

    // FNV-1a over the characters (the second part after a separator no value holds), then a
    // finalizer that spreads the bits: unrelated keys collide about once in 2^64.
    static long fingerprint(String first, String second) {
        long hash = 0xcbf29ce484222325L;
        hash = mix(hash, first);
        if (second != null) {
            hash = (hash ^ 0xFFFF) * 0x100000001b3L;
            hash = mix(hash, second);
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    private static long mix(long hash, String value) {
        for (int i = 0; i < value.length(); i++) {
            hash = (hash ^ value.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static final class Fingerprints {

        // Null once there were more than MAX_ROWS: then keys may repeat, as far as anyone here knows.
        private long[] values = new long[1024];
        private int size;

        void add(long fingerprint) {
            if (values == null) {
                return;
            }
            if (size == MAX_ROWS) {
                values = null;
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(MAX_ROWS, values.length * 2));
            }
            values[size++] = fingerprint;
        }

        boolean mayRepeat() {
            if (values == null) {
                return true;
            }
            Arrays.sort(values, 0, size);
            for (int i = 1; i < size; i++) {
                if (values[i] == values[i - 1]) {
                    return true;
                }
            }
            return false;
        }
    }
}
