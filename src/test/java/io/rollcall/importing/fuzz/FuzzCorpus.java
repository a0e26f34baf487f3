package io.rollcall.importing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * The corpus of interesting inputs kept in the repository, {@code src/test/resources/fuzz-corpus}:
 * seeds for the fuzzers and, once fuzzing found something, the input that showed it. Every file is
 * replayed by every {@code ./mvnw verify}.
 */
public final class FuzzCorpus {

    private FuzzCorpus() {
    }

    /** Each corpus file, by name. */
    public static List<Path> files() {
        try {
            var url = FuzzCorpus.class.getResource("/fuzz-corpus");
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(Files::isRegularFile).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arguments for a parameterized test or a fuzz test's seeds: the file's bytes. */
    static Stream<Arguments> seeds() {
        return files().stream().map(file -> Arguments.of((Object) read(file)));
    }
}
