package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/**
 * What manifest.csv ({@code propertyName,value} rows) says Rollcall needs: the OneRoster version
 * and how users.csv is meant. Its other properties are not read: the files Rollcall needs must be
 * in the zip whatever it says of them.
 */
record Manifest(OneRosterVersion version, ProcessingMode usersMode) {

    private static final String VERSION = "oneroster.version";
    private static final String USERS = "file.users";

    /**
     * Reads manifest.csv.
     *
     * @throws FileRejected MISSING_FILE when it is absent or says {@code file.users} is absent;
     *                      TOO_MANY_ROWS beyond {@link RowLimit#MAX_MANIFEST} rows;
     *                      MISSING_FIELDS when it lacks a column or either property;
     *                      UNSUPPORTED_VERSION for a version other than 1.1 and 1.2, or a
     *                      {@code file.users} other than bulk, delta and absent
     */
    static Manifest read(BundleArchive archive) throws IOException {
        var properties = new LinkedHashMap<String, String>();
        var found = new ArrayList<String>();
        try (var csv = archive.read(BundleFile.MANIFEST, RowLimit.manifest())) {
            var columns = Columns.of(csv.fileName(), csv.header(), List.of("propertyName", "value"), List.of());
            for (var row = csv.next(); row.isPresent(); row = csv.next()) {
                var name = columns.value(row.get(), "propertyName");
                if (!name.isEmpty()) {
                    found.add(name);
                    properties.putIfAbsent(name.toLowerCase(Locale.ROOT), columns.value(row.get(), "value"));
                }
            }
        }
        var missing = List.of(VERSION, USERS).stream().filter(p -> properties.getOrDefault(p, "").isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new FileRejected(ErrorCode.MISSING_FIELDS, "manifest.csv in the zip does not give "
                + String.join(", ", missing), missing, found);
        }
        var number = properties.get(VERSION);
        var version = OneRosterVersion.of(number).orElseThrow(() -> new FileRejected(ErrorCode.UNSUPPORTED_VERSION,
            "The bundle is OneRoster " + BundleArchive.shown(number) + "; Rollcall reads OneRoster 1.1 and 1.2"));
        var users = properties.get(USERS);
        if (users.equalsIgnoreCase("absent")) {
            throw new FileRejected(ErrorCode.MISSING_FILE,
                "The manifest says the bundle has no users (file.users is absent)");
        }
        var mode = ProcessingMode.of(users).orElseThrow(() -> new FileRejected(ErrorCode.UNSUPPORTED_VERSION,
            "manifest.csv in the zip says file.users is " + BundleArchive.shown(users)
                + "; OneRoster allows bulk, delta or absent"));
        return new Manifest(version, mode);
    }
}
