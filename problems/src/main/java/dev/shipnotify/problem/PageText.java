package dev.shipnotify.problem;

import java.text.MessageFormat;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A shopper-facing page's words in one language, from a bundle such as {@code page/tracking[_<language>].properties}
 * (UTF-8): the shopper's language if there is a file for it, else the merchant's default, else English. A new
 * language is a new file.
 */
public final class PageText {
    private static final ResourceBundle.Control NO_JVM_DEFAULT = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private PageText(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * @param bundle       the bundle's base name, e.g. {@code page.tracking}
     * @param languageTags the first of these with a translation is used; English when none has one
     */
    public static PageText in(String bundle, String... languageTags) {
        for (String tag : languageTags) {
            Locale locale = parse(tag);
            if (locale != null) {
                ResourceBundle found = ResourceBundle.getBundle(bundle, locale, loader(), NO_JVM_DEFAULT);
                if (found.getLocale().getLanguage().equals(locale.getLanguage())) {
                    return new PageText(found);
                }
            }
        }
        return new PageText(ResourceBundle.getBundle(bundle, Locale.ROOT, loader(), NO_JVM_DEFAULT));
    }

    /** The language of these words, e.g. {@code hi}; {@code en} for the base file. */
    public Locale locale() {
        return bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
    }

    public String lang() {
        return locale().toLanguageTag();
    }

    /** The text of {@code key} with {@code {0}}, {@code {1}} filled in; the key itself if it has no text. */
    public String get(String key, Object... arguments) {
        try {
            String pattern = bundle.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** For templates: {@code text.of('status.DELIVERED')}. */
    public String of(String key) {
        return get(key);
    }

    /** The application's class loader, which sees the service's bundles wherever this class was loaded from. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : PageText.class.getClassLoader();
    }

    private static Locale parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? null : locale;
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "PageText[" + Objects.toString(lang()) + "]";
    }
}
