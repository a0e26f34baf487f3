package io.rollcall.importing;

import java.util.Set;

/** Who uploads: operators may import into every school, school admins into {@code adminSchools}. */
public record Uploader(long accountId, boolean operator, Set<String> adminSchools) {

    public boolean mayImport() {
        return operator || !adminSchools.isEmpty();
    }
}
