package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bundle's orgs.csv as Rollcall schoolIDs: an org's {@code identifier} when it names a Rollcall
 * school, else its {@code sourcedId}. An org the file does not hold keeps the sourcedId it is named by.
 */
final class Orgs {

    private final Map<String, String> schoolIds;

    private Orgs(Map<String, String> schoolIds) {
        this.schoolIds = schoolIds;
    }

    /**
     * Reads all of orgs.csv; {@code isSchool} is asked once per distinct identifier (the caller
     * looks each one up).
     *
     * @throws io.rollcall.importing.parse.FileRejected MISSING_FIELDS, or as {@link BundleCsv#next()}
     */
    static Orgs read(BundleCsv csv, Predicate<String> isSchool) throws IOException {
        var columns = Columns.of(csv.fileName(), csv.header(), List.of("sourcedId"), List.of("identifier"));
        var schoolIds = new LinkedHashMap<String, String>();
        var schools = new HashMap<String, Boolean>();
        for (var row = csv.next(); row.isPresent(); row = csv.next()) {
            var sourcedId = columns.value(row.get(), "sourcedId");
            if (sourcedId.isEmpty() || schoolIds.containsKey(sourcedId)) {
                continue;
            }
            var identifier = columns.value(row.get(), "identifier");
            boolean school = !identifier.isEmpty() && schools.computeIfAbsent(identifier, isSchool::test);
            schoolIds.put(sourcedId, school ? identifier : sourcedId);
        }
        return new Orgs(schoolIds);
    }

    /** The schoolID for an org reference: blank for blank. */
    String schoolId(String orgSourcedId) {
        return schoolIds.getOrDefault(orgSourcedId, orgSourcedId);
    }

    /** The schoolIDs of all orgs in the file, in its order. */
    Set<String> schoolIds() {
        return new LinkedHashSet<>(schoolIds.values());
    }
}
