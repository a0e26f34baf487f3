package io.rollcall.portal;

import io.rollcall.error.RollcallException;
import io.rollcall.school.Languages;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The portal's words in the reader's language (the request's locale): its own messages, and what
 * the services wrote in English, said again from the bundles. A sentence no pattern reads back is
 * shown as written (English), never dropped. Public for the templates ({@code @portalMessages}), whose
 * expressions call only public methods; no other module uses it.
 */
@Component("portalMessages")
public class PortalMessages {

    private final MessageSource messages;
    private final EnglishMessages problems = new EnglishMessages("problem");
    private final EnglishMessages history = new EnglishMessages("what");

    PortalMessages(MessageSource messages) {
        this.messages = messages;
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** A row error, warning, file error or refusal (by its code and English text), in the reader's language. */
    public String problem(String code, String english) {
        if (LocaleContextHolder.getLocale().getLanguage().equals(Languages.DEFAULT.getLanguage())) {
            return english;
        }
        return problems.read("problem", code, english).map(m -> text(m.key(), m.args())).orElse(english);
    }

    String problem(RollcallException e) {
        return problem(e.code().name(), e.getMessage());
    }

    /** Whether the refusal's English text is the one the key's pattern writes. */
    boolean isProblem(RollcallException e, String key) {
        return problems.read("problem", e.code().name(), e.getMessage()).filter(m -> m.key().equals(key)).isPresent();
    }

    /** A line of a person's history ("Account created by an upload"), in the reader's language. */
    public String historyEntry(String english) {
        return history.read("what", null, english).map(m -> text(m.key(), m.args())).orElse(english);
    }
}
