package io.rollcall.importing.oneroster;

import java.util.List;

/** The files of a OneRoster CSV bundle that Rollcall reads; the others are ignored. */
enum BundleFile {
    MANIFEST("manifest.csv"),
    ORGS("orgs.csv"),
    ROLES("roles.csv"),
    USERS("users.csv");

    private final String fileName;

    BundleFile(String fileName) {
        this.fileName = fileName;
    }

    /** The files Rollcall reads in a bundle of that version, in the order it reads them. */
    static List<BundleFile> neededBy(OneRosterVersion version) {
        return switch (version) {
            case V1_1 -> List.of(MANIFEST, ORGS, USERS);
            case V1_2 -> List.of(MANIFEST, ORGS, ROLES, USERS);
        };
    }

    String fileName() {
        return fileName;
    }
}
