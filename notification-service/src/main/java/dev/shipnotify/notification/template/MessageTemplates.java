package dev.shipnotify.notification.template;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the template of a message by milestone, channel and language. Files live under
 * {@code templates/<channel>/<milestone>[_<language>[_<COUNTRY>]].<variant>}, for example
 * {@code email/order-confirmed.html} (English, the fallback) and {@code email/order-confirmed_hi.html}.
 * A new language is a new file; no code changes.
 */
@ApplicationScoped
public class MessageTemplates {

    /** A template and the language it was chosen for (also the language to format money and dates in). */
    public record Found(Template template, Locale locale, String id) {
    }

    private final Engine engine;

    public MessageTemplates(Engine engine) {
        this.engine = engine;
    }

    /**
     * @param variant the file extension: {@code html} or {@code txt} for email
     * @param locales languages in order of preference, as {@link LocaleChain} gives them; should end with English
     * @throws IllegalStateException when not even the English template exists
     */
    public Found find(Milestone milestone, Channel channel, String variant, List<Locale> locales) {
        String base = channel.key() + "/" + milestone.key();
        for (Locale locale : locales) {
            for (String id : candidates(base, variant, locale)) {
                Template template = engine.getTemplate(id);
                if (template != null) {
                    return new Found(template, locale, id);
                }
            }
        }
        throw new IllegalStateException("no template " + base + "." + variant + " for any of " + locales);
    }

    static List<String> candidates(String base, String variant, Locale locale) {
        List<String> ids = new ArrayList<>(3);
        String language = locale.getLanguage();
        if (!locale.getCountry().isEmpty()) {
            ids.add(base + "_" + language + "_" + locale.getCountry() + "." + variant);
        }
        ids.add(base + "_" + language + "." + variant);
        if (language.equals(Locale.ENGLISH.getLanguage())) {
            ids.add(base + "." + variant);
        }
        return ids;
    }
}
