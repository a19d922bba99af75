package dev.shipnotify.notification.template;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The languages to try for a message, best first: the shopper's, then the merchant's default, then English.
 * English is the language of the base template files, which need no suffix.
 */
public final class LocaleChain {

    private LocaleChain() {
    }

    public static List<Locale> of(String shopperLocale, String merchantDefaultLocale) {
        Set<Locale> chain = new LinkedHashSet<>();
        parse(shopperLocale).ifPresent(chain::add);
        parse(merchantDefaultLocale).ifPresent(chain::add);
        chain.add(Locale.ENGLISH);
        return new ArrayList<>(chain);
    }

    static Optional<Locale> parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.trim().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale);
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
