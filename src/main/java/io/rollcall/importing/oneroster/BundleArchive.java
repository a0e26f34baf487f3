package io.rollcall.importing.oneroster;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

/**
 * A zip upload whose directory has been checked for safety before any of it is unpacked, and the
 * bundle's files found in it: at the top of the zip, or all in the one folder that holds
 * manifest.csv (SIS exports often zip their folder). File names match in any case. Close it to
 * release the file.
 */
final class BundleArchive implements Closeable {

    /** Entries (files and folders) a zip may hold. */
    static final int MAX_ENTRIES = 50;

    private static final List<String> ARCHIVE_EXTENSIONS =
        List.of(".zip", ".jar", ".war", ".ear", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int SHOWN_NAME_CHARS = 80;

    private final ZipFile zip;
    private final Map<BundleFile, ZipEntry> files;
    private final ByteBudget budget;

    private BundleArchive(ZipFile zip, Map<BundleFile, ZipEntry> files, ByteBudget budget) {
        this.zip = zip;
        this.files = files;
        this.budget = budget;
    }

    /**
     * Opens the zip and checks its directory, and the first bytes of the bundle's files.
     *
     * @throws FileRejected NOT_CSV when it is no readable zip; UNSAFE_ARCHIVE for more than
     *                      {@link #MAX_ENTRIES} entries, an absolute or {@code ..} path, a nested
     *                      archive, a declared size over {@code maxUncompressedBytes} or a declared
     *                      ratio over {@link ByteBudget#MAX_RATIO}, or a bundle file twice; NOT_CSV
     *                      too when a bundle file's first bytes cannot be unpacked
     * @throws IOException when the file cannot be read
     */
    static BundleArchive open(Path file, long maxUncompressedBytes) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new FileRejected(ErrorCode.NOT_CSV, "The file is neither a CSV file nor a readable zip archive");
        }
        try {
            checkDirectory(zip, maxUncompressedBytes);
            var archive = new BundleArchive(zip, bundleFiles(zip), new ByteBudget(maxUncompressedBytes));
            archive.checkContents();
            return archive;
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    boolean has(BundleFile file) {
        return files.containsKey(file);
    }

    /**
     * Starts reading one of the bundle's files, its bytes counted against the budget.
     *
     * @throws FileRejected MISSING_FILE when the bundle lacks it, NOT_CSV when it cannot be unpacked
     */
    BundleCsv read(BundleFile file, RowLimit limit) {
        var entry = files.get(file);
        if (entry == null) {
            throw missing(file);
        }
        return BundleCsv.open(budget.meter(unpack(entry, file), file.fileName(), entry.getCompressedSize()),
            file.fileName(), limit);
    }

    static FileRejected missing(BundleFile file) {
        return new FileRejected(ErrorCode.MISSING_FILE, "The OneRoster bundle has no " + file.fileName()
            + " (its files must sit at the top of the zip or together in one folder)");
    }

    private static void checkDirectory(ZipFile zip, long maxUncompressedBytes) {
        if (zip.size() > MAX_ENTRIES) {
            throw unsafe("The zip holds more than " + MAX_ENTRIES + " files; a OneRoster bundle holds only its"
                + " CSV files");
        }
        long declared = 0;
        for (var entry : list(zip)) {
            var name = entry.getName();
            if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
                throw unsafe("The zip holds a file with an absolute path (" + shown(name) + ")");
            }
            if (Arrays.asList(name.split("[/\\\\]")).contains("..")) {
                throw unsafe("The zip holds a file whose path leads out of its folder (" + shown(name) + ")");
            }
            var lower = name.toLowerCase(Locale.ROOT);
            if (!entry.isDirectory() && ARCHIVE_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                throw unsafe("The zip holds another archive (" + shown(name) + "); archives inside the zip are"
                    + " not accepted");
            }
            // The declared sizes only catch an honest bomb; ByteBudget counts what is really unpacked.
            long size = entry.getSize();
            declared += Math.max(size, 0);
            if (declared > maxUncompressedBytes) {
                throw ByteBudget.tooLarge(maxUncompressedBytes);
            }
            long packed = entry.getCompressedSize();
            if (size > ByteBudget.RATIO_FROM && packed > 0 && size / packed > ByteBudget.MAX_RATIO) {
                throw ByteBudget.tooPacked(shown(name));
            }
        }
    }

    private static Map<BundleFile, ZipEntry> bundleFiles(ZipFile zip) {
        var folder = bundleFolder(zip);
        var found = new HashMap<BundleFile, ZipEntry>();
        for (var entry : list(zip)) {
            var name = entry.getName().replace('\\', '/');
            if (entry.isDirectory() || !name.startsWith(folder)) {
                continue;
            }
            var rest = name.substring(folder.length());
            for (var file : BundleFile.values()) {
                // Two entries of one name: zip readers disagree on which one counts, a known trick.
                if (rest.equalsIgnoreCase(file.fileName()) && found.put(file, entry) != null) {
                    throw unsafe("The zip holds " + file.fileName() + " more than once");
                }
            }
        }
        return found;
    }

    // "" or "folder/": where manifest.csv sits, at the top or one folder down.
    private static String bundleFolder(ZipFile zip) {
        var folders = new ArrayList<String>();
        for (var entry : list(zip)) {
            var segments = entry.getName().replace('\\', '/').split("/");
            if (!entry.isDirectory() && segments.length <= 2
                    && segments[segments.length - 1].equalsIgnoreCase(BundleFile.MANIFEST.fileName())) {
                folders.add(segments.length == 1 ? "" : segments[0] + "/");
            }
        }
        if (folders.size() > 1) {
            throw unsafe("The zip holds more than one manifest.csv; it must hold a single OneRoster bundle");
        }
        return folders.isEmpty() ? "" : folders.get(0);
    }

    // A file of the bundle that is really an archive (names were checked; contents only for the files read).
    // Any failure to unpack, e.g. an EOFException of data shorter than declared, is the zip's.
    private void checkContents() {
        for (var file : files.entrySet()) {
            try (var in = unpack(file.getValue(), file.getKey())) {
                if (isArchive(in.readNBytes(4))) {
                    throw unsafe(file.getKey().fileName() + " in the zip is itself an archive; archives inside the"
                        + " zip are not accepted");
                }
            } catch (IOException e) {
                throw damaged(file.getKey().fileName());
            }
        }
    }

    private InputStream unpack(ZipEntry entry, BundleFile file) {
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw damaged(file.fileName());
        }
    }

    static FileRejected damaged(String fileName) {
        return new FileRejected(ErrorCode.NOT_CSV, fileName + " in the zip cannot be unpacked: the zip is"
            + " damaged or packed with a method Rollcall does not read");
    }

    // Zip (local file, empty or spanned), gzip, 7z and rar signatures.
    static boolean isArchive(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] + 1 == head[3]
                && (head[2] == 3 || head[2] == 5 || head[2] == 7)) {
            return true;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return true;
        }
        var text = new String(head, StandardCharsets.ISO_8859_1);
        return text.startsWith("7z\u00bc\u00af") || text.startsWith("Rar!");
    }

    private static List<? extends ZipEntry> list(ZipFile zip) {
        return zip.stream().toList();
    }

    // A name or value from the upload, fit to show in a message.
    static String shown(String name) {
        var clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= SHOWN_NAME_CHARS ? clean : clean.substring(0, SHOWN_NAME_CHARS) + "...";
    }

    private static FileRejected unsafe(String message) {
        return new FileRejected(ErrorCode.UNSAFE_ARCHIVE, message);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
