package dev.shipnotify.order.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The explicit format checks that Bean Validation's built-in constraints are too lenient for. */
public final class Formats {
    /** E.164: a plus, a country code that does not start with 0, 8 to 15 digits in all. */
    public static final String E164 = "^\\+[1-9][0-9]{7,14}$";
    public static final String E164_MESSAGE = "must be an E.164 phone number such as +919876543210";
    public static final String EMAIL_MESSAGE = "must be an email address such as asha@example.com";

    private static final Pattern E164_PATTERN = Pattern.compile(E164);
    /** WHATWG's address syntax, plus a dot in the domain: {@code @Email} alone accepts {@code a@b}. */
    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    /** {@link ZoneId#getAvailableZoneIds()} copies all ~600 ids on every call; once is enough. */
    private static final Set<String> TIME_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private Formats() {
    }

    public static boolean isE164(String phone) {
        return phone != null && E164_PATTERN.matcher(phone).matches();
    }

    public static boolean isEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL_PATTERN.matcher(email).matches();
    }

    /** The canonical form of a well-formed BCP 47 tag with a language ({@code en-in} becomes {@code en-IN}). */
    public static Optional<String> languageTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            return isLanguage(locale.getLanguage()) ? Optional.of(locale.toLanguageTag()) : Optional.empty();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** An ISO 639 code: a known two-letter one, or three letters (639-2/3 codes have no list in the JDK). */
    private static boolean isLanguage(String language) {
        return language.length() == 2 ? LANGUAGES.contains(language) : language.length() == 3;
    }

    /** An IANA region id such as {@code Asia/Kolkata} (or {@code UTC}); fixed offsets are not time zones. */
    public static boolean isIanaTimeZone(String zone) {
        return zone != null && TIME_ZONES.contains(zone);
    }

    /** An ISO 3166-1 alpha-2 code such as {@code IN}. */
    public static boolean isCountry(String country) {
        return country != null && COUNTRIES.contains(country);
    }

    /** An absolute http(s) URL with a host. */
    public static boolean isHttpUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
