package dev.shipnotify.infra.mail;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the API and the pages show of a message, read once from its raw bytes.
 *
 * @param headers     header name (canonicalised as Mailpit does) to its unfolded raw values, sorted by name
 * @param date        the Date header with its own offset, or {@code null} when absent or unreadable
 * @param returnPath  the envelope sender
 */
record ParsedMail(
        String messageId,
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> bcc,
        List<MailAddress> replyTo,
        String returnPath,
        String subject,
        OffsetDateTime date,
        String text,
        String html,
        Map<String, List<String>> headers,
        List<MailPart> attachments,
        List<MailPart> inline,
        String snippet) {

    String firstHeader(String canonicalName) {
        List<String> values = headers.get(canonicalName);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
