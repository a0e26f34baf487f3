package io.rollcall.importing.oneroster;

import static io.rollcall.importing.oneroster.OneRosterBundles.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rollcall.error.ErrorCode;
import io.rollcall.importing.parse.FileRejected;

class OneRosterArchiveSafetyTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void refusesAPathLeadingOutOfItsFolder() throws IOException {
        var e = rejected(OneRosterBundles.pathTraversal(zip()), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).contains("leads out of its folder", "../evil.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/evil.csv", "\\evil.csv", "C:\\evil.csv", "c:/evil.csv"})
    void refusesAnAbsolutePath(String name) throws IOException {
        var e = rejected(OneRosterBundles.absolutePath(zip(), name), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).contains("absolute path", name);
    }

    @Test
    void refusesANestedArchive() throws IOException {
        var e = rejected(OneRosterBundles.nestedZip(zip()), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("The zip holds another archive (inner.zip); archives inside the zip are"
            + " not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.ZIP", "b.tar.gz", "c.tgz", "d.7z", "e.rar", "f.jar", "g.tar"})
    void refusesAnArchiveByItsName(String name) throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("export/" + name, "not really an archive");

        assertThat(rejected(OneRosterBundles.zip(zip(), files), 100 * MB).code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    }

    @Test
    void refusesABundleFileThatIsAnArchive() throws IOException {
        var inner = OneRosterBundles.zip(dir.resolve("inner.zip"), OneRosterBundles.smallBundle());
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("orgs.csv", Files.readString(inner, StandardCharsets.ISO_8859_1));
        var zip = OneRosterBundles.zip(zip(), files);

        var e = rejected(zip, 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).startsWith("orgs.csv in the zip is itself an archive");
    }

    @Test
    void refusesMoreThanFiftyFiles() throws IOException {
        var e = rejected(OneRosterBundles.manyEntries(zip(), 60), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).contains("more than 50 files");
    }

    @Test
    void acceptsFiftyFiles() throws IOException {
        var zip = OneRosterBundles.manyEntries(zip(), 50);

        assertThat(convert(zip, 100 * MB).rows()).isEqualTo(1);
    }

    @Test
    void refusesAZipWhoseDeclaredSizeIsOverTheLimit() throws IOException {
        var e = rejected(OneRosterBundles.zipBomb(zip(), 200 * MB), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("The zip unpacks to more than 104857600 bytes, the upload limit");
    }

    @Test
    void refusesAnEntryPackedMoreThanAHundredTimes() throws IOException {
        var e = rejected(OneRosterBundles.zipBomb(zip(), 200 * MB), 1000 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("zeros.csv in the zip unpacks to more than 100 times its packed size;"
            + " Rollcall refuses such files as possible zip bombs");
    }

    @Test
    void countsTheBytesUnpackedWhenTheDirectoryLiesAboutTheSize() throws IOException {
        var zip = OneRosterBundles.lyingSize(zip(), 50 * MB, 1000);

        var e = rejected(zip, 10 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("The zip unpacks to more than 10485760 bytes, the upload limit");
    }

    @Test
    void checksTheRatioOfTheBytesUnpackedWhenTheDirectoryLiesAboutTheSize() throws IOException {
        var zip = OneRosterBundles.lyingSize(zip(), 50 * MB, 1000);

        var e = rejected(zip, 1000 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).startsWith("users.csv in the zip unpacks to more than 100 times its packed size");
    }

    @Test
    void refusesABundleFileTwice() throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("USERS.CSV", files.get("users.csv"));

        var e = rejected(OneRosterBundles.zip(zip(), files), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).isEqualTo("The zip holds users.csv more than once");
    }

    @Test
    void refusesTwoBundles() throws IOException {
        var files = new LinkedHashMap<String, String>();
        OneRosterBundles.smallBundle().forEach((name, text) -> {
            files.put("a/" + name, text);
            files.put("b/" + name, text);
        });

        var e = rejected(OneRosterBundles.zip(zip(), files), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
        assertThat(e.getMessage()).contains("more than one manifest.csv");
    }

    @Test
    void checksTheArchiveBeforeReadingAnyRow() throws IOException {
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("manifest.csv", csv("propertyName,value", "oneroster.version,1.0"));
        files.put("users.csv", "\"never closed\r\n");
        files.put("../evil.csv", "x");

        assertThat(rejected(OneRosterBundles.zip(zip(), files), 100 * MB).code()).isEqualTo(ErrorCode.UNSAFE_ARCHIVE);
    }

    @Test
    void acceptsFoldersAndOtherFiles() throws IOException {
        var files = new LinkedHashMap<String, String>();
        files.put("docs/", "");
        files.put("docs/readme.txt", "Exported by a SIS");
        files.putAll(OneRosterBundles.smallBundle());

        assertThat(convert(OneRosterBundles.zip(zip(), files), 100 * MB).rows()).isEqualTo(1);
    }

    @Test
    void refusesAFileThatIsNoZip() throws IOException {
        var file = Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});

        var e = rejected(file, 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).isEqualTo("The file is neither a CSV file nor a readable zip archive");
    }

    @Test
    void refusesAnEntryThatCannotBeUnpacked() throws IOException {
        var zip = OneRosterBundles.zip(zip(), OneRosterBundles.smallBundle());
        var bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        // users.csv's local header, then its packed data: its first block made of the reserved type.
        var text = new String(bytes.array(), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("PK\3\4");
        while (!text.startsWith("users.csv", at + 30)) {
            at = text.indexOf("PK\3\4", at + 4);
        }
        bytes.put(at + 30 + bytes.getShort(at + 26) + bytes.getShort(at + 28), (byte) 0b111);
        Files.write(zip, bytes.array());

        var e = rejected(zip, 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).isEqualTo("users.csv in the zip cannot be unpacked: the zip is damaged or packed"
            + " with a method Rollcall does not read");
    }

    @Test
    void refusesAnEntryWhoseDataEndsEarly() throws IOException {
        // Its first bytes cannot be unpacked: "Unexpected end of ZLIB input stream" (an EOFException).
        var zip = OneRosterBundles.truncated(zip(), OneRosterBundles.smallBundle(), "manifest.csv", 2);

        var e = rejected(zip, 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).isEqualTo("manifest.csv in the zip cannot be unpacked: the zip is damaged or packed"
            + " with a method Rollcall does not read");
    }

    @Test
    void refusesAnEntryThatEndsEarlyWhileItsRowsAreRead() throws IOException {
        // Random letters pack little: the first bytes unpack, the data ends some rows later.
        var random = new Random(1);
        var users = new StringBuilder(OneRosterBundles.smallBundle().get("users.csv"));
        for (int n = 2; n <= 2000; n++) {
            var name = random.ints(8, 'a', 'z' + 1).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append);
            users.append("u").append(n).append(",,,true,org-1,student,,,").append(name).append(",X,,S").append(n)
                .append(",").append(name).append("@example.org,,,,,\r\n");
        }
        var files = new LinkedHashMap<>(OneRosterBundles.smallBundle());
        files.put("users.csv", users.toString());
        OneRosterBundles.zip(zip(), files);
        int packed = OneRosterBundles.packedSize(zip(), "users.csv");
        OneRosterBundles.truncated(zip(), files, "users.csv", packed / 2);

        var e = rejected(zip(), 100 * MB);

        assertThat(e.code()).isEqualTo(ErrorCode.NOT_CSV);
        assertThat(e.getMessage()).startsWith("users.csv in the zip cannot be unpacked");
    }

    @Test
    void leavesAFailureToWriteTheRosterAnIOException() throws IOException {
        // Storage, not the upload: the caller answers it as such, never as a damaged zip.
        var zip = OneRosterBundles.zip(zip(), OneRosterBundles.smallBundle());
        var folder = Files.createDirectory(dir.resolve("roster.csv"));

        var e = catchThrowable(() -> OneRosterBundle.convert(zip, folder, 100 * MB, 1000, Set.of()::contains));

        assertThat(e).isInstanceOf(IOException.class);
    }

    @Test
    void deletesTheOutputOfARefusedBundle() throws IOException {
        var out = Files.writeString(dir.resolve("roster.csv"), "old");

        catchThrowableOfType(FileRejected.class, () -> OneRosterBundle.convert(OneRosterBundles.pathTraversal(zip()),
            out, 100 * MB, 1000, Set.of()::contains));

        assertThat(out).doesNotExist();
    }

    private Path zip() {
        return dir.resolve("bundle.zip");
    }

    private Conversion convert(Path zip, long maxBytes) throws IOException {
        return OneRosterBundle.convert(zip, dir.resolve("roster.csv"), maxBytes, 1000, Set.of()::contains);
    }

    private FileRejected rejected(Path zip, long maxBytes) {
        var e = catchThrowableOfType(FileRejected.class, () -> convert(zip, maxBytes));
        assertThat(e).as("a FileRejected").isNotNull();
        assertThat(dir.resolve("roster.csv")).doesNotExist();
        return e;
    }
}
