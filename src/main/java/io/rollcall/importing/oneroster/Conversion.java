package io.rollcall.importing.oneroster;

import java.util.Set;

/**
 * What {@link OneRosterBundle#convert} found in a bundle, besides the roster CSV it wrote.
 *
 * @param version   the manifest's {@code oneroster.version}
 * @param usersMode the manifest's {@code file.users}: BULK is a roster sync of {@code schoolIds}
 * @param schoolIds the Rollcall schoolID of every org in orgs.csv (its identifier when that names a
 *                  Rollcall school, else its sourcedId); never null
 * @param rows      the non-blank data rows of users.csv, one per user
 */
public record Conversion(OneRosterVersion version, ProcessingMode usersMode, Set<String> schoolIds, long rows) {

    public Conversion {
        schoolIds = Set.copyOf(schoolIds);
    }
}
