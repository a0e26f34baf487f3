package io.rollcall.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollcall.ApiTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/** Without an SMTP host, welcome emails land as .eml files a newcomer can open. */
@ActiveProfiles({"test", "h2", "relay"})
@TestPropertySource(properties = "rollcall.mail.directory=target/eml-fallback-test")
class EmlFallbackTests extends ApiTestSupport {

    @Test
    void writesEachWelcomeEmailAsAnEmlFile() throws Exception {
        var school = school(false);
        var admin = admin(school);
        var email = "eml." + unique() + "@example.com";
        importFile(admin, csv(HEADER, String.join(",", "Emma", "File", email, "0", "1", school)),
            "sendWelcomeEmails", "true");

        var file = awaitFileMentioning(Path.of("target/eml-fallback-test"), email);
        var content = Files.readString(file);
        assertThat(content).contains("Subject: Your Rollcall account at School " + school)
            .contains("Content-Type: multipart/alternative").contains("text/html").contains("text/plain");
    }

    private static Path awaitFileMentioning(Path directory, String email) throws Exception {
        var deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    Optional<Path> match = files.filter(f -> f.toString().endsWith(".eml"))
                        .filter(f -> read(f).contains("To: " + email)).findFirst();
                    if (match.isPresent()) {
                        return match.get();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no .eml file for " + email + " in " + directory);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
