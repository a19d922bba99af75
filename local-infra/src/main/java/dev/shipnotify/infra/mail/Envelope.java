package dev.shipnotify.infra.mail;

import java.util.List;

/**
 * What the SMTP client said outside the message itself. Kept because Bcc recipients and the return path
 * exist only here, never in the headers.
 *
 * @param mailFrom the MAIL FROM path, empty for a bounce ({@code <>})
 * @param rcptTo   the accepted RCPT TO paths, in order
 * @param helo     the name the client gave in EHLO/HELO
 */
public record Envelope(String mailFrom, List<String> rcptTo, String helo) {
    public Envelope {
        mailFrom = mailFrom == null ? "" : mailFrom;
        rcptTo = List.copyOf(rcptTo);
        helo = helo == null ? "" : helo;
    }
}
