package dev.shipnotify.infra.mail;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the JSON bodies with Mailpit's own field names and order, so a check written against this
 * mailbox runs unchanged against Mailpit. Lists are always arrays (Mailpit sometimes sends {@code null};
 * clients should accept both).
 */
final class MailpitJson {
    private MailpitJson() {
    }

    static Map<String, Object> list(List<StoredMail> page, int total, int unread, int start, ReadMarks read) {
        List<Map<String, Object>> messages = new ArrayList<>();
        page.forEach(m -> messages.add(summary(m, read.isRead(m.id()))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", total);
        body.put("unread", unread);
        body.put("count", page.size());
        body.put("messages_count", total);
        body.put("messages_unread", unread);
        body.put("start", start);
        body.put("tags", List.of());
        body.put("messages", messages);
        return body;
    }

    static Map<String, Object> summary(StoredMail mail, boolean read) {
        ParsedMail p = mail.parsed();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ID", mail.id());
        s.put("MessageID", p.messageId());
        s.put("Read", read);
        s.put("From", address(p.from()));
        s.put("To", addresses(p.to()));
        s.put("Cc", addresses(p.cc()));
        s.put("Bcc", addresses(p.bcc()));
        s.put("ReplyTo", addresses(p.replyTo()));
        s.put("Subject", p.subject());
        s.put("Created", mail.created().toString());
        s.put("Username", "");
        s.put("Tags", List.of());
        s.put("Size", mail.raw().length);
        s.put("Attachments", p.attachments().size());
        s.put("Snippet", p.snippet());
        return s;
    }

    static Map<String, Object> message(StoredMail mail) {
        ParsedMail p = mail.parsed();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", mail.id());
        m.put("MessageID", p.messageId());
        m.put("From", address(p.from()));
        m.put("To", addresses(p.to()));
        m.put("Cc", addresses(p.cc()));
        m.put("Bcc", addresses(p.bcc()));
        m.put("ReplyTo", addresses(p.replyTo()));
        m.put("ReturnPath", p.returnPath());
        m.put("Subject", p.subject());
        m.put("ListUnsubscribe", listUnsubscribe(p));
        m.put("Date", p.date() != null
                ? p.date().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                : mail.created().toString());
        m.put("Tags", List.of());
        m.put("Username", "");
        m.put("Text", p.text());
        m.put("HTML", p.html());
        m.put("Size", mail.raw().length);
        m.put("Inline", parts(p.inline()));
        m.put("Attachments", parts(p.attachments()));
        return m;
    }

    /** Mailpit's summary of RFC 2369 / RFC 8058 unsubscribe headers, with syntax problems in {@code Errors}. */
    static Map<String, Object> listUnsubscribe(ParsedMail p) {
        String header = p.firstHeader("List-Unsubscribe");
        String post = p.firstHeader("List-Unsubscribe-Post");
        List<String> links = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = header.indexOf('<', from);
            int close = open < 0 ? -1 : header.indexOf('>', open);
            if (open < 0 || close < 0) {
                break;
            }
            String link = header.substring(open + 1, close).strip();
            String lower = link.toLowerCase(Locale.ROOT);
            if (lower.startsWith("mailto:") || lower.startsWith("http://") || lower.startsWith("https://")) {
                links.add(link);
            } else {
                errors.add("Unsupported link: " + link);
            }
            from = close + 1;
        }
        if (!header.isEmpty() && links.isEmpty() && errors.isEmpty()) {
            errors.add("No <link> found in List-Unsubscribe");
        }
        if (!post.isEmpty() && !post.equals("List-Unsubscribe=One-Click")) {
            errors.add("List-Unsubscribe-Post must be \"List-Unsubscribe=One-Click\"");
        }
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("Header", header);
        u.put("Links", links);
        u.put("Errors", String.join("; ", errors));
        u.put("HeaderPost", post);
        return u;
    }

    private static List<Map<String, Object>> parts(List<MailPart> parts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MailPart part : parts) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("PartID", part.partId());
            a.put("FileName", part.fileName());
            a.put("ContentType", part.contentType());
            a.put("ContentID", part.contentId());
            a.put("Size", part.content().length);
            out.add(a);
        }
        return out;
    }

    private static Map<String, Object> address(MailAddress address) {
        if (address == null) {
            return null;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Name", address.name());
        a.put("Address", address.address());
        return a;
    }

    private static List<Map<String, Object>> addresses(List<MailAddress> addresses) {
        List<Map<String, Object>> out = new ArrayList<>();
        addresses.forEach(a -> out.add(address(a)));
        return out;
    }
}
