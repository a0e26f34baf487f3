package io.rollcall.importing.oneroster;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import de.siegmar.fastcsv.writer.CsvWriter;

/**
 * OneRoster CSV bundles for tests: generated ones of any size (streamed, so 100,000 users take
 * a second or two), ones from explicit file contents, and unsafe zips.
 *
 * <p>A generated bundle has {@link Spec#orgs()} schools: org {@code i} (1-based) has sourcedId
 * {@code org-i}, identifier {@link #schoolId(int) schoolId(i)} and mail domain
 * {@code school<i>.example.org}. Students, teachers and parents are numbered from 1 and spread
 * round-robin over the orgs: student {@code n} is {@code student<n>@school<o>.example.org} with
 * identifier {@code S<n>}, at org {@code o = (n - 1) % orgs + 1}; teachers {@code teacher<n>@...}
 * ({@code T<n>}), parents {@code parent<n>@...} ({@code P<n>}). The first {@link Spec#twoOrgTeachers()}
 * teachers also teach at the next org. The first {@link Spec#toBeDeleted()} students have status
 * {@code tobedeleted}. Rows are in users.csv in that order: students, teachers, parents; no blank lines.
 */
public final class OneRosterBundles {

    private static final String[] GIVEN = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Ken", "Linus", "Margaret",
        "Donald", "Frances", "John", "Radia", "Tim", "Katherine", "Dennis", "Hedy"};
    private static final String[] FAMILY = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Thompson",
        "Torvalds", "Hamilton", "Knuth", "Allen", "Backus", "Perlman", "Berners-Lee", "Johnson", "Ritchie", "Lamarr"};
    private static final String MODIFIED = "2026-08-01T00:00:00.000Z";
    private static final String YEAR = "year-2026";
    private static final int COURSES_PER_ORG = 3;
    private static final int CLASSES_PER_COURSE = 2;
    // Offsets in a central directory file header.
    private static final int CEN_COMPRESSED_SIZE = 20;
    private static final int CEN_SIZE = 24;

    private OneRosterBundles() {
    }

    /**
     * The shape of a generated bundle.
     *
     * @param twoOrgTeachers how many of the teachers (the first ones) also teach at the next org
     * @param toBeDeleted    how many of the students (the first ones) have status tobedeleted
     */
    public record Spec(OneRosterVersion version, ProcessingMode mode, int orgs, int students, int teachers,
            int parents, int twoOrgTeachers, int toBeDeleted) {

        /** 3 orgs, 30 students, 6 teachers, 3 parents, nobody at two orgs, nobody to delete. */
        public static Spec of(OneRosterVersion version, ProcessingMode mode) {
            return new Spec(version, mode, 3, 30, 6, 3, 0, 0);
        }

        public Spec withOrgs(int orgs) {
            return new Spec(version, mode, orgs, students, teachers, parents, twoOrgTeachers, toBeDeleted);
        }

        public Spec withUsers(int students, int teachers, int parents) {
            return new Spec(version, mode, orgs, students, teachers, parents, twoOrgTeachers, toBeDeleted);
        }

        public Spec withTwoOrgTeachers(int twoOrgTeachers) {
            return new Spec(version, mode, orgs, students, teachers, parents, twoOrgTeachers, toBeDeleted);
        }

        public Spec withToBeDeleted(int toBeDeleted) {
            return new Spec(version, mode, orgs, students, teachers, parents, twoOrgTeachers, toBeDeleted);
        }

        /** users.csv data rows. */
        public long users() {
            return (long) students + teachers + parents;
        }

        /** Rows the converted roster holds below its header: a row per user, and one per further org. */
        public long rosterRows() {
            return users() + (orgs > 1 ? Math.min(twoOrgTeachers, teachers) : 0);
        }
    }

    /** The identifier of generated org {@code i}: {@code 6} and {@code i} in five digits, e.g. 600001. */
    public static String schoolId(int org) {
        return String.format(Locale.ROOT, "6%05d", org);
    }

    /** Writes a generated bundle to {@code zip} and returns it. */
    public static Path generate(Path zip, Spec spec) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            entry(out, "manifest.csv", csv -> manifestRows(spec.version(), spec.mode()).forEach(csv::writeRecord));
            entry(out, "orgs.csv", csv -> orgs(spec, csv));
            entry(out, "academicSessions.csv", csv -> academicSessions(spec, csv));
            entry(out, "courses.csv", csv -> courses(spec, csv));
            entry(out, "classes.csv", csv -> classes(spec, csv));
            entry(out, "users.csv", csv -> users(spec, csv));
            if (spec.version() == OneRosterVersion.V1_2) {
                entry(out, "roles.csv", csv -> roles(spec, csv));
            }
            entry(out, "enrollments.csv", csv -> enrollments(spec, csv));
        }
        return zip;
    }

    /** The text of a manifest.csv naming the version and users mode, as a SIS writes it. */
    public static String manifest(OneRosterVersion version, ProcessingMode mode) {
        var text = new StringBuilder();
        manifestRows(version, mode).forEach(row -> text.append(String.join(",", row)).append("\r\n"));
        return text.toString();
    }

    /** Lines joined with CRLF, and a last CRLF. */
    public static String csv(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** A zip of the given entries (name to UTF-8 text), in the map's order. */
    public static Path zip(Path zip, Map<String, String> entries) throws IOException {
        var bytes = new LinkedHashMap<String, byte[]>();
        entries.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(zip, bytes);
    }

    /** A zip of the given entries (name to bytes), in the map's order. */
    public static Path zipBytes(Path zip, Map<String, byte[]> entries) throws IOException {
        try (var out = Files.newOutputStream(zip)) {
            out.write(zipped(entries));
        }
        return zip;
    }

    /** A zip of the files in a folder (not its subfolders), byte for byte, by name. */
    public static Path zipFolder(Path zip, Path folder) throws IOException {
        var entries = new LinkedHashMap<String, String>();
        try (Stream<Path> files = Files.list(folder)) {
            for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return zip(zip, entries);
    }

    /** The files of a small valid bundle (a 1.1 bulk one: one org, one student), to add to. */
    public static Map<String, String> smallBundle() {
        var files = new LinkedHashMap<String, String>();
        files.put("manifest.csv", manifest(OneRosterVersion.V1_1, ProcessingMode.BULK));
        files.put("orgs.csv", csv("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
            "org-1,,,School 1,school,600001,"));
        files.put("users.csv", csv("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
            "student-1,,,true,org-1,student,ada,,Ada,Lovelace,,S1,ada@school1.example.org,,,,09,"));
        return files;
    }

    /** A small bundle plus an entry {@code ../evil.csv}. */
    public static Path pathTraversal(Path zip) throws IOException {
        return smallBundleWith(zip, "../evil.csv", "x\r\n");
    }

    /** A small bundle plus an entry with an absolute path, e.g. {@code /etc/evil.csv} or {@code C:\evil.csv}. */
    public static Path absolutePath(Path zip, String name) throws IOException {
        return smallBundleWith(zip, name, "x\r\n");
    }

    /** A small bundle plus {@code inner.zip}, itself a small bundle. */
    public static Path nestedZip(Path zip) throws IOException {
        var entries = new LinkedHashMap<String, byte[]>();
        smallBundle().forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        var inner = zipped(entries);
        entries.put("inner.zip", inner);
        return zipBytes(zip, entries);
    }

    /** A small bundle plus files {@code extra-<n>.csv} to make {@code entries} entries in all. */
    public static Path manyEntries(Path zip, int entries) throws IOException {
        var files = new LinkedHashMap<String, String>(smallBundle());
        for (int n = files.size() + 1; n <= entries; n++) {
            files.put("extra-" + n + ".csv", "x\r\n");
        }
        return zip(zip, files);
    }

    /**
     * A small bundle plus {@code zeros.csv}: {@code bytes} zero bytes, honestly declared, packed
     * about a thousand times.
     */
    public static Path zipBomb(Path zip, long bytes) throws IOException {
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var entry : smallBundle().entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("zeros.csv"));
            repeat(out, (byte) 0, bytes);
            out.closeEntry();
        }
        return zip;
    }

    /**
     * A small bundle whose users.csv is its header and then about {@code bytes} bytes of rows of
     * 500 commas (blank rows, so that no row limit stops the reading first), while the zip's central
     * directory declares it {@code declaredSize} bytes long: a bomb whose directory lies.
     */
    public static Path lyingSize(Path zip, long bytes, int declaredSize) throws IOException {
        var header = smallBundle().get("users.csv").lines().findFirst().orElseThrow() + "\r\n";
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var entry : smallBundle().entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getKey().equals("users.csv")) {
                    out.write(header.getBytes(StandardCharsets.UTF_8));
                    var row = (",".repeat(500) + "\n").getBytes(StandardCharsets.US_ASCII);
                    for (long left = bytes; left > 0; left -= row.length) {
                        out.write(row);
                    }
                } else {
                    out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        declareSize(zip, "users.csv", declaredSize);
        return zip;
    }

    /**
     * The small bundle with {@code name}'s packed size declared as {@code packedSize} bytes in the
     * zip's central directory, so that reading it ends early: a damaged entry, e.g. "Unexpected end
     * of ZLIB input stream".
     */
    public static Path truncated(Path zip, Map<String, String> files, String name, int packedSize) throws IOException {
        zip(zip, files);
        patchDirectory(zip, name, CEN_COMPRESSED_SIZE, packedSize);
        return zip;
    }

    /** {@code name}'s packed size as the zip's central directory declares it. */
    public static int packedSize(Path zip, String name) throws IOException {
        var bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        return bytes.getInt(directoryEntry(bytes, name) + CEN_COMPRESSED_SIZE);
    }

    private static byte[] zipped(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ZipOutputStream(bytes)) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // Rewrites an entry's uncompressed size in the central directory (which ZipFile trusts).
    private static void declareSize(Path zip, String name, int size) throws IOException {
        patchDirectory(zip, name, CEN_SIZE, size);
    }

    // Rewrites 4 bytes of an entry's central directory header, at that offset.
    private static void patchDirectory(Path zip, String name, int offset, int value) throws IOException {
        var bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(directoryEntry(bytes, name) + offset, value);
        Files.write(zip, bytes.array());
    }

    // Where the entry's central directory header starts.
    private static int directoryEntry(ByteBuffer bytes, String name) {
        int end = bytes.capacity() - 22;
        if (bytes.getInt(end) != 0x06054b50) {
            throw new IllegalStateException("zip with a comment");
        }
        int entries = bytes.getShort(end + 10) & 0xffff;
        int at = bytes.getInt(end + 16);
        for (int i = 0; i < entries; i++) {
            int nameLength = bytes.getShort(at + 28) & 0xffff;
            var entryName = new String(bytes.array(), at + 46, nameLength, StandardCharsets.UTF_8);
            if (entryName.equals(name)) {
                return at;
            }
            at += 46 + nameLength + (bytes.getShort(at + 30) & 0xffff) + (bytes.getShort(at + 32) & 0xffff);
        }
        throw new IllegalArgumentException("no entry " + name);
    }

    private static Path smallBundleWith(Path zip, String name, String content) throws IOException {
        var files = new LinkedHashMap<String, String>(smallBundle());
        files.put(name, content);
        return zip(zip, files);
    }

    private static void repeat(OutputStream out, byte value, long count) throws IOException {
        var chunk = new byte[1 << 16];
        java.util.Arrays.fill(chunk, value);
        for (long left = count; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    // Each entry written through its own CsvWriter, flushed, the zip stream left open.
    private static void entry(ZipOutputStream zip, String name, Consumer<CsvWriter> rows) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        var keepOpen = new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
            }
        };
        var csv = CsvWriter.builder().build(new OutputStreamWriter(keepOpen, StandardCharsets.UTF_8));
        try {
            rows.accept(csv);
            csv.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        zip.closeEntry();
    }

    private static List<String[]> manifestRows(OneRosterVersion version, ProcessingMode mode) {
        var users = mode.name().toLowerCase(Locale.ROOT);
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"propertyName", "value"});
        rows.add(new String[] {"manifest.version", "1.0"});
        rows.add(new String[] {"oneroster.version", version.number()});
        for (var file : List.of("academicSessions", "categories", "classes", "classResources", "courses",
                "courseResources", "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users")) {
            var value = switch (file) {
                case "users" -> users;
                case "academicSessions", "classes", "courses", "enrollments", "orgs" -> "bulk";
                default -> "absent";
            };
            rows.add(new String[] {"file." + file, value});
        }
        if (version == OneRosterVersion.V1_2) {
            rows.add(new String[] {"file.roles", users});
            rows.add(new String[] {"file.userProfiles", "absent"});
        }
        rows.add(new String[] {"source.systemName", "Rollcall test SIS"});
        rows.add(new String[] {"source.systemCode", "rollcall-tests"});
        return rows;
    }

    private static String status(Spec spec, boolean deleted) {
        return spec.mode() == ProcessingMode.BULK ? "" : deleted ? "tobedeleted" : "active";
    }

    private static String modified(Spec spec) {
        return spec.mode() == ProcessingMode.BULK ? "" : MODIFIED;
    }

    private static void orgs(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId");
        for (int o = 1; o <= spec.orgs(); o++) {
            csv.writeRecord("org-" + o, status(spec, false), modified(spec), "School " + o, "school", schoolId(o), "");
        }
    }

    private static void academicSessions(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate",
            "parentSourcedId", "schoolYear");
        csv.writeRecord(YEAR, status(spec, false), modified(spec), "2026-2027", "schoolYear", "2026-08-15",
            "2027-06-30", "", "2027");
        csv.writeRecord("term-1", status(spec, false), modified(spec), "Fall 2026", "term", "2026-08-15",
            "2027-01-15", YEAR, "2027");
        csv.writeRecord("term-2", status(spec, false), modified(spec), "Spring 2027", "term", "2027-01-16",
            "2027-06-30", YEAR, "2027");
    }

    private static void courses(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode",
            "grades", "orgSourcedId", "subjects", "subjectCodes");
        var subjects = List.of("Mathematics", "English", "Science");
        for (int o = 1; o <= spec.orgs(); o++) {
            for (int c = 1; c <= COURSES_PER_ORG; c++) {
                var subject = subjects.get((c - 1) % subjects.size());
                csv.writeRecord(course(o, c), status(spec, false), modified(spec), YEAR, subject + " 9",
                    subject.substring(0, 3).toUpperCase(Locale.ROOT) + "9", "09", "org-" + o, subject, "");
            }
        }
    }

    private static void classes(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode",
            "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods");
        for (int o = 1; o <= spec.orgs(); o++) {
            for (int c = 1; c <= COURSES_PER_ORG; c++) {
                for (int k = 1; k <= CLASSES_PER_COURSE; k++) {
                    csv.writeRecord(classOf(o, c, k), status(spec, false), modified(spec), "Class " + c + "-" + k,
                        "09", course(o, c), "C" + o + "-" + c + "-" + k, "scheduled", "Room " + (100 * c + k),
                        "org-" + o, "term-1,term-2", "", "", String.valueOf(k));
                }
            }
        }
    }

    private static void users(Spec spec, CsvWriter csv) {
        boolean v11 = spec.version() == OneRosterVersion.V1_1;
        var header = new ArrayList<>(List.of("sourcedId", "status", "dateLastModified", "enabledUser"));
        if (v11) {
            header.addAll(List.of("orgSourcedIds", "role"));
        }
        header.addAll(List.of("username", "userIds", "givenName", "familyName", "middleName", "identifier", "email",
            "sms", "phone", "agentSourcedIds", "grades", "password"));
        if (!v11) {
            header.addAll(List.of("userMasterIdentifier", "resourceSourcedIds", "preferredGivenName",
                "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns"));
        }
        csv.writeRecord(header);
        for (int n = 1; n <= spec.students(); n++) {
            user(spec, csv, "student", n, n <= spec.toBeDeleted(), "S" + n, "", "09");
        }
        for (int n = 1; n <= spec.teachers(); n++) {
            user(spec, csv, "teacher", n, false, "T" + n, "", "");
        }
        for (int n = 1; n <= spec.parents(); n++) {
            int child = spec.students() == 0 ? 0 : (n - 1) % spec.students() + 1;
            user(spec, csv, "parent", n, false, "P" + n, child == 0 ? "" : "student-" + child, "");
        }
    }

    private static void user(Spec spec, CsvWriter csv, String role, int n, boolean deleted, String identifier,
            String agents, String grades) {
        var row = new ArrayList<>(List.of(role + "-" + n, status(spec, deleted), modified(spec), "true"));
        if (spec.version() == OneRosterVersion.V1_1) {
            row.addAll(List.of(String.join(",", orgsOf(spec, role, n)), role));
        }
        int org = org(spec, n);
        row.addAll(List.of(role + n, "{SIS:" + identifier + "}", GIVEN[n % GIVEN.length],
            FAMILY[(n / GIVEN.length) % FAMILY.length], "", identifier,
            role + n + "@school" + org + ".example.org", "", "", agents, grades, ""));
        if (spec.version() == OneRosterVersion.V1_2) {
            row.addAll(List.of("", "", "", "", "", "org-" + org, ""));
        }
        csv.writeRecord(row);
    }

    private static void roles(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate",
            "endDate", "orgSourcedId", "userProfileSourcedId");
        for (var role : List.of("student", "teacher", "parent")) {
            int count = switch (role) {
                case "student" -> spec.students();
                case "teacher" -> spec.teachers();
                default -> spec.parents();
            };
            for (int n = 1; n <= count; n++) {
                boolean deleted = role.equals("student") && n <= spec.toBeDeleted();
                var orgs = orgsOf(spec, role, n);
                for (int i = 0; i < orgs.size(); i++) {
                    csv.writeRecord("role-" + role + "-" + n + "-" + (i + 1), status(spec, deleted), modified(spec),
                        role + "-" + n, i == 0 ? "primary" : "secondary", role, "2026-08-15", "", orgs.get(i), "");
                }
            }
        }
    }

    private static void enrollments(Spec spec, CsvWriter csv) {
        csv.writeRecord("sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId",
            "userSourcedId", "role", "primary", "beginDate", "endDate");
        for (int n = 1; n <= spec.teachers(); n++) {
            int o = org(spec, n);
            int c = (n - 1) / spec.orgs() % COURSES_PER_ORG + 1;
            for (int k = 1; k <= CLASSES_PER_COURSE; k++) {
                csv.writeRecord("enr-teacher-" + n + "-" + k, status(spec, false), modified(spec), classOf(o, c, k),
                    "org-" + o, "teacher-" + n, "teacher", "true", "2026-08-15", "");
            }
        }
        for (int n = 1; n <= spec.students(); n++) {
            int o = org(spec, n);
            boolean deleted = n <= spec.toBeDeleted();
            // Each student in two classes of their org: two courses, alternating sections.
            for (int i = 0; i < 2; i++) {
                int c = (n + i) % COURSES_PER_ORG + 1;
                int k = n % CLASSES_PER_COURSE + 1;
                csv.writeRecord("enr-student-" + n + "-" + (i + 1), status(spec, deleted), modified(spec),
                    classOf(o, c, k), "org-" + o, "student-" + n, "student", "false", "2026-08-15", "");
            }
        }
    }

    private static List<String> orgsOf(Spec spec, String role, int n) {
        int org = org(spec, n);
        if (role.equals("teacher") && n <= spec.twoOrgTeachers() && spec.orgs() > 1) {
            return List.of("org-" + org, "org-" + (org % spec.orgs() + 1));
        }
        return List.of("org-" + org);
    }

    private static int org(Spec spec, int n) {
        return (n - 1) % spec.orgs() + 1;
    }

    private static String course(int org, int course) {
        return "course-" + org + "-" + course;
    }

    private static String classOf(int org, int course, int section) {
        return "class-" + org + "-" + course + "-" + section;
    }
}
