package dev.shipnotify.notification.channel.email;

import java.util.Locale;

/** An email's subject and its two bodies, in the language they were rendered in. */
public record RenderedEmail(String subject, String html, String text, Locale locale) {
}
