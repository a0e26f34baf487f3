package io.rollcall.importing.report;

import java.util.List;
import java.util.Set;

/**
 * Which rows of an import a viewer may read: operators all of them; a school admin the rows of the
 * schools they administer now, and the uploader also the rows that named no school they may
 * import into (their own typos). An import of several schools thus shows each school only its
 * own students.
 */
public record RowScope(boolean all, Set<String> schools, boolean unassigned) {

    public static RowScope everything() {
        return new RowScope(true, Set.of(), true);
    }

    public static RowScope of(Set<String> schools, boolean uploader) {
        return new RowScope(false, Set.copyOf(schools), uploader);
    }

    // The condition on a table of rows with a school_id column (aliased), and its parameters below.
    String condition(String alias) {
        return "(:allRows = true or " + alias + ".school_id in (:scopeSchools)"
            + " or (:unassigned = true and " + alias + ".school_id is null))";
    }

    // "in ()" is not SQL: an empty set matches no school.
    List<String> schoolList() {
        return schools.isEmpty() ? List.of("") : List.copyOf(schools);
    }
}
