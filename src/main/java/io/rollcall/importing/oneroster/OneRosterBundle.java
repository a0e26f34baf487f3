package io.rollcall.importing.oneroster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Converts a OneRoster 1.1 or 1.2 CSV bundle (a zip) into a Rollcall roster CSV for the import
 * pipeline: {@code firstName,lastName,email,isTeacher,issuedID,schoolID,oneRosterAction}, UTF-8,
 * CRLF. Pure: it reads the zip and writes one file, nothing else. Thread-safe (no state).
 *
 * <p>Row N of the output is row N of users.csv (header = row 1): each users.csv row gives one row,
 * a blank one an empty line. A user with several orgs (1.1: several in {@code orgSourcedIds}; 1.2:
 * several roles.csv rows) gets the first at its own row and each further one after the last
 * users.csv row, so those rows number beyond users.csv. {@code oneRosterAction} is {@code import},
 * {@code deactivate} (status {@code tobedeleted}) or {@code skip:<role>} for a role other than
 * student and teacher (isTeacher empty). {@code enabledUser} is not read: a disabled user is
 * imported like any other. Values are copied, stripped, never checked: the pipeline checks rows.
 * See docs/oneroster.md for the rules in full.
 */
public final class OneRosterBundle {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private OneRosterBundle() {
    }

    /** True when the file begins with a zip local-file header ({@code PK\3\4}). */
    public static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        }
    }

    /**
     * True when the file is a zip Rollcall reads as a OneRoster bundle: any readable zip but a
     * spreadsheet (Excel and OpenDocument workbooks, Numbers files are zips too), which is refused
     * as the file that is no CSV it is, with the advice to save it as CSV.
     */
    public static boolean isBundle(Path file) throws IOException {
        if (!isZip(file)) {
            return false;
        }
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.stream().map(entry -> entry.getName()).noneMatch(name -> name.equals("[Content_Types].xml")
                || name.equals("mimetype") || name.endsWith(".iwa"));
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks the archive's safety and reads the manifest before any other row, then writes the
     * bundle's users to {@code out} as a Rollcall roster CSV (replacing it).
     *
     * @param maxUncompressedBytes what the zip may unpack to, counted as it unpacks, and what the
     *                             roster may grow to, counted as it is written
     * @param maxRows              non-blank users.csv rows at most, roster rows (a user's further
     *                             orgs included) and roles.csv rows too; orgs.csv has at most
     *                             100,000 (RowLimit)
     * @param isSchool             whether a Rollcall school has this schoolID (an org's identifier);
     *                             asked once per distinct identifier
     * @throws io.rollcall.importing.parse.FileRejected a file error (the message names the file in
     *         the zip, or says the roster it makes is too large): NOT_CSV (also an entry that cannot
     *         be unpacked), UNSAFE_ARCHIVE (also a roster over {@code maxUncompressedBytes}, a user
     *         with more than 100 memberships), MISSING_FILE,
     *         UNSUPPORTED_VERSION, MISSING_FIELDS, DUPLICATE_COLUMN, EMPTY_FILE, MALFORMED_CSV,
     *         ENCODING_MISMATCH, FIELD_TOO_LARGE, ROW_TOO_LARGE, TOO_MANY_COLUMNS or TOO_MANY_ROWS;
     *         {@code out} is then deleted
     * @throws IOException when {@code zip} cannot be opened or {@code out} cannot be written (the
     *         server's storage; reading the zip's entries fails as NOT_CSV); {@code out} is deleted
     */
    public static Conversion convert(Path zip, Path out, long maxUncompressedBytes, long maxRows,
            Predicate<String> isSchool) throws IOException {
        boolean converted = false;
        try (var archive = BundleArchive.open(zip, maxUncompressedBytes)) {
            var manifest = Manifest.read(archive);
            for (var file : BundleFile.neededBy(manifest.version())) {
                if (!archive.has(file)) {
                    throw BundleArchive.missing(file);
                }
            }
            Orgs orgs;
            try (var csv = archive.read(BundleFile.ORGS, RowLimit.orgs())) {
                orgs = Orgs.read(csv, isSchool);
            }
            var memberships = switch (manifest.version()) {
                case V1_1 -> new UsersRowMemberships();
                case V1_2 -> roles(archive, maxRows);
            };
            long rows;
            try (var users = archive.read(BundleFile.USERS, RowLimit.users(maxRows));
                    var output = RosterOutput.create(out, new RosterBudget(maxUncompressedBytes, maxRows))) {
                rows = UsersFile.convert(users, memberships, orgs, output);
                output.finish();
            }
            converted = true;
            return new Conversion(manifest.version(), manifest.usersMode(), orgs.schoolIds(), rows);
        } finally {
            if (!converted) {
                Files.deleteIfExists(out);
            }
        }
    }

    // roles.csv before users.csv: a user's memberships must be known when its row is written.
    private static MembershipSource roles(BundleArchive archive, long maxRows) throws IOException {
        try (var csv = archive.read(BundleFile.ROLES, RowLimit.roles(maxRows))) {
            return Roles.read(csv);
        }
    }
}
