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
