package io.rollcall.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Locale;

import io.rollcall.account.PasswordPolicy;
import io.rollcall.error.ErrorCode;
import io.rollcall.error.RollcallException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What the services write in English, said again in the page's language. */
class PortalMessagesTest {

    final PortalMessages messages = new PortalMessages(source());

    static ResourceBundleMessageSource source() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    String in(String language, String code, String english) {
        LocaleContextHolder.setLocale(Locale.forLanguageTag(language));
        return messages.problem(code, english);
    }

    @Test
    void rowErrorsAreSaidInThePagesLanguageWithTheirDetails() {
        assertThat(in("es", "MISSING_VALUE", "email is required")).isEqualTo("email es obligatorio");
        assertThat(in("fr", "VALUE_TOO_LONG", "firstName is longer than 100 characters"))
            .isEqualTo("firstName dépasse 100 caractères");
        assertThat(in("es", "DUPLICATE_EMAIL", "Duplicate email with rows 3, 7 and 12 more"))
            .isEqualTo("Correo duplicado con las filas 3, 7 y 12 más");
        assertThat(in("es", "DUPLICATE_EMAIL", "Duplicate email with rows 3, 7")).isEqualTo("Correo duplicado con las filas 3, 7");
        assertThat(in("fr", "DUPLICATE_ISSUED_ID", "Duplicate issuedID with row 4"))
            .isEqualTo("issuedID en double avec la ligne 4");
        assertThat(in("es", "UNAUTHORIZED_SCHOOL", "Unauthorized school. Did a spreadsheet drop leading zeros? You"
            + " administer school 00648; format the schoolID column as Text and export again"))
            .startsWith("Centro no autorizado (Unauthorized school). ¿Eliminó la hoja de cálculo los ceros iniciales?")
            .contains("el centro 00648;");
        // The article's own words stay recognisable beside the translation.
        assertThat(in("fr", "INVALID_EMAIL", "Validation isEmail on email failed"))
            .isEqualTo("Adresse e-mail non valide (Validation isEmail on email failed)");
    }

    @Test
    void fileErrorsAndWarningsAreSaidInThePagesLanguage() {
        assertThat(in("es", "TOO_MANY_COLUMNS", "The header has 2000 columns; at most 1000 are allowed"))
            .isEqualTo("El encabezado tiene 2000 columnas; se permiten como máximo 1000");
        assertThat(in("fr", "TOO_MANY_COLUMNS", "The header has at least 2000 columns; at most 1000 are allowed"))
            .isEqualTo("L’en-tête compte au moins 2000 colonnes\u00a0; 1000 au maximum sont autorisées");
        assertThat(in("es", "ROW_TOO_LARGE", "users.csv in the zip has a row longer than 65536 characters at row 7"))
            .isEqualTo("En users.csv del zip, la fila 7 tiene más de 65536 caracteres");
        assertThat(in("fr", "UNSAFE_ARCHIVE", "users.csv in the zip unpacks to more than 100 times its packed size;"
            + " Rollcall refuses such files as possible zip bombs"))
            .isEqualTo("users.csv dans le zip occupe une fois décompressé plus de 100 fois sa taille compressée\u00a0;"
                + " Rollcall refuse ces fichiers comme de possibles bombes zip");
        assertThat(in("es", "UNSAFE_ARCHIVE", "The bundle's users make a roster larger than the upload limit (10485760 bytes)"))
            .isEqualTo("Los usuarios del paquete forman una lista mayor que el límite de carga (10485760 bytes)");
        assertThat(in("fr", "UNSUPPORTED_VERSION", "The bundle is OneRoster 1.0; Rollcall reads OneRoster 1.1 and 1.2"))
            .isEqualTo("Le paquet est au format OneRoster 1.0\u00a0; Rollcall lit OneRoster 1.1 et 1.2");
        assertThat(in("es", "MISSING_FILE", "The OneRoster bundle has no users.csv (its files must sit at the top of the"
            + " zip or together in one folder)"))
            .isEqualTo("El paquete OneRoster no tiene users.csv (sus archivos deben estar en la raíz del zip o juntos en una carpeta)");
        assertThat(in("fr", "MISSING_FIELDS", "users.csv in the zip has no columns email, givenName"))
            .isEqualTo("users.csv dans le zip n’a pas les colonnes email, givenName");
        assertThat(in("fr", "MISSING_FIELDS", "users.csv in the zip has no column email"))
            .isEqualTo("users.csv dans le zip n’a pas de colonne email");
        assertThat(in("es", "MALFORMED_CSV", "Malformed CSV at row 12: a quoted field is never closed"))
            .isEqualTo("CSV mal formado en la fila 12: un campo entre comillas no se cierra nunca");
        // A reason the portal has no words for stays English inside the translated sentence.
        assertThat(in("fr", "MALFORMED_CSV", "The file could not be read: Stream closed"))
            .isEqualTo("Le fichier n’a pas pu être lu\u00a0: Stream closed");
        assertThat(in("es", "SYNC_LIMIT_EXCEEDED", "This full-roster upload would deactivate 40 of the 100 active members"
            + " of school 00648 (40%), more than the 10% a sync may without confirmation, and too many at 2 more school(s)."
            + " Nothing was changed. Check that the file is the whole roster (not cut short or filtered), then upload it"
            + " again with the large deactivation confirmed"))
            .startsWith("Esta carga de la lista completa desactivaría a 40 de los 100 miembros activos del centro 00648"
                + " (40\u00a0%), más del 10\u00a0% que una sincronización puede desactivar sin confirmación, y a demasiados"
                + " en 2 centro(s) más. No se cambió nada.");
        assertThat(in("fr", "IMPORT_FAILED", "The import failed unexpectedly and nothing was written (log id 7f3a). Try again later"))
            .isEqualTo("L’import a échoué de manière inattendue et rien n’a été écrit (identifiant de journal 7f3a)."
                + " Réessayez plus tard");
        assertThat(in("es", "FILE_INCOMPLETE", "The stored file of this import is incomplete or altered (512 of its 2048"
            + " bytes are there); nothing was imported. Upload the file again"))
            .isEqualTo("El archivo guardado de esta importación está incompleto o alterado (solo están 512 de sus 2048 bytes);"
                + " no se importó nada. Vuelva a subir el archivo");
        assertThat(in("fr", "EMAIL_REJECTED", "The mail server refused the welcome email to ana@example.org: 550 5.1.1 User unknown"))
            .isEqualTo("Le serveur de messagerie a refusé l’e-mail de bienvenue adressé à ana@example.org\u00a0: 550 5.1.1 User unknown");
        assertThat(in("fr", "ENCODING_GUESSED", "The file is not UTF-8 and does not say how it is encoded, so it was read as"
            + " Mac Roman, as Excel for Mac saves \"CSV (Macintosh)\". Names read: Zoë, Ñuñez. If they look wrong, upload"
            + " it again with its encoding chosen under File options"))
            .contains("lu en Mac Roman", "Noms lus\u00a0: Zoë, Ñuñez. S’ils s’affichent mal");
        assertThat(in("es", "ROLE_SKIPPED", "Role guardian is not imported: only students and teachers get accounts"))
            .isEqualTo("El rol guardian no se importa: solo los estudiantes y los docentes reciben una cuenta");
        assertThat(in("es", "NOT_CSV", "The file is neither a CSV file nor a readable zip archive"))
            .isEqualTo("El archivo no es ni un archivo CSV ni un archivo zip legible");
    }

    @Test
    void englishReadersGetTheServicesSentenceAsWritten() {
        assertThat(in("en", "MISSING_VALUE", "email is required")).isEqualTo("email is required");
        assertThat(in("en", "MISSING_VALUE", "a sentence no pattern knows")).isEqualTo("a sentence no pattern knows");
    }

    @Test
    void aSentenceNoPatternReadsIsShownAsWritten() {
        assertThat(in("es", "MALFORMED_CSV", "Something new the importer says")).isEqualTo("Something new the importer says");
        // A pattern of another code does not take it.
        assertThat(in("es", "INVALID_EMAIL", "email is required")).isEqualTo("email is required");
    }

    @Test
    void refusalsOfTheServicesAreReadByTheirCode() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        var policy = new RollcallException(ErrorCode.INVALID_PASSWORD, PasswordPolicy.DESCRIPTION);
        assertThat(messages.problem(policy)).isEqualTo(
            "Le mot de passe doit compter de 8 à 128 caractères et ne pas être composé uniquement d’espaces.");
        var wrong = new RollcallException(ErrorCode.INVALID_PASSWORD, "Your current password is not correct.");
        assertThat(messages.isProblem(wrong, "problem.INVALID_PASSWORD.current")).isTrue();
        assertThat(messages.isProblem(policy, "problem.INVALID_PASSWORD.current")).isFalse();
        assertThat(messages.historyEntry("Account created by an upload")).isEqualTo("Compte créé par un envoi");
    }

    @Test
    void thePagesStateThePasswordRuleTheServiceChecks() throws Exception {
        assertThat(MessagesTests.bundle("en").getProperty("password.policy")).isEqualTo(PasswordPolicy.DESCRIPTION);
    }

    @Test
    void everyEnglishPatternIsReadBackAsItselfWithItsArguments() throws Exception {
        var english = MessagesTests.bundle("en");
        var reader = new EnglishMessages("problem", "what");
        for (var key : english.stringPropertyNames()) {
            if (!key.startsWith("problem.") && !key.startsWith("what.")) {
                continue;
            }
            var pattern = english.getProperty(key);
            var family = key.substring(0, key.indexOf('.'));
            var code = family.equals("what") ? null : key.split("\\.")[1];
            var sentence = pattern;
            var args = new Object[0];
            if (pattern.contains("{")) {
                var format = new MessageFormat(pattern, Locale.ROOT);
                args = new Object[format.getFormatsByArgumentIndex().length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = "arg" + i;
                }
                sentence = format.format(args);
            }
            var read = reader.read(family, code, sentence);
            assertThat(read).as(key).isPresent();
            assertThat(read.get().key()).as(sentence).isEqualTo(key);
            assertThat(read.get().args()).as(key).containsExactly(args);
        }
    }
}
