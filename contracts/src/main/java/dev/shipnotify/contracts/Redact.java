package dev.shipnotify.contracts;

/**
 * Masks personal data before it reaches a log line. Every service logs through these two methods, so a
 * full email address or phone number never appears in logs.
 */
public final class Redact {
    private Redact() {
    }

    /** {@code asha.rao@example.com} becomes {@code a***@e***.com}. */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            return "<none>";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String tld = dot >= 0 ? domain.substring(dot) : "";
        String host = dot >= 0 ? domain.substring(0, dot) : domain;
        return email.charAt(0) + "***@" + (host.isEmpty() ? "" : host.charAt(0) + "***") + tld;
    }

    /** {@code +919876543210} becomes {@code +91******3210}: country code and last four digits only. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return "<none>";
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return "***";
        }
        String country = digits.substring(0, 2);
        String last = digits.substring(digits.length() - 4);
        return "+" + country + "*".repeat(digits.length() - 6) + last;
    }
}
