package io.rollcall.importing.stage;

import java.util.Arrays;

/**
 * Whether two staged rows may share an email or, at one school, an issuedID, learnt while the rows
 * are staged: a 64-bit fingerprint of each key, sorted and compared once at the end. A "no" is
 * certain, since equal keys have equal fingerprints, and spares the apply step the database's search
 * for duplicates; a "maybe" (a real repeat, two fingerprints that collide, or a file longer than
 * {@link #MAX_ROWS}) leaves that search to the database, as before. About 16 bytes a row.
 */
final class RepeatedKeys {

    // 16 MB at most for each kind of key, in small arrays: a file of a million rows is covered. (One
    // array doubled as it grew made copies of up to 8 MB, which the collector handles as humongous
    // objects: kept up to 2^20 rows that way, the benchmark's peak heap at 1,000,000 rows rose from
    // 106-121 MB to 150-192 MB of its 256.)
    static final int MAX_ROWS = 1 << 21;

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

    // Fingerprints kept in 4,096 buckets by their top 12 bits, each a small array sorted on its own at
    // the end: equal fingerprints always share a bucket.
    private static final class Fingerprints {

        private static final int BUCKET_BITS = 12;

        // Null once there were more than MAX_ROWS: then keys may repeat, as far as anyone here knows.
        private long[][] buckets = new long[1 << BUCKET_BITS][];
        private final int[] sizes = new int[1 << BUCKET_BITS];
        private int size;

        void add(long fingerprint) {
            if (buckets == null) {
                return;
            }
            if (size == MAX_ROWS) {
                buckets = null;
                return;
            }
            int bucket = (int) (fingerprint >>> (Long.SIZE - BUCKET_BITS));
            var values = buckets[bucket];
            if (values == null) {
                values = buckets[bucket] = new long[16];
            } else if (sizes[bucket] == values.length) {
                values = buckets[bucket] = Arrays.copyOf(values, values.length * 2);
            }
            values[sizes[bucket]++] = fingerprint;
            size++;
        }

        boolean mayRepeat() {
            if (buckets == null) {
                return true;
            }
            for (int bucket = 0; bucket < buckets.length; bucket++) {
                var values = buckets[bucket];
                int count = sizes[bucket];
                if (count < 2) {
                    continue;
                }
                Arrays.sort(values, 0, count);
                for (int i = 1; i < count; i++) {
                    if (values[i] == values[i - 1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
