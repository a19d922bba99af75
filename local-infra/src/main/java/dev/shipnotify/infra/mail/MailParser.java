package dev.shipnotify.infra.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns raw bytes into {@link ParsedMail}. Lenient on purpose: a mailbox for developers must show a
 * broken message rather than refuse it, so every step falls back to something readable.
 */
final class MailParser {
    private static final Session SESSION = lenientSession();
    private static final int SNIPPET_LENGTH = 250;

    private MailParser() {
    }

    static ParsedMail parse(byte[] raw, Envelope envelope) {
        Map<String, List<String>> headers = HeaderBlock.read(raw);
        Body body = new Body();
        MimeMessage message = null;
        try {
            message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            walk(message, "", false, body);
        } catch (MessagingException | IOException | RuntimeException e) {
            // Unparseable MIME: show the bytes after the headers as text so nothing is hidden.
            body.text = afterHeaders(raw);
        }

        List<MailAddress> to = addresses(message, "To");
        List<MailAddress> cc = addresses(message, "Cc");
        List<MailAddress> fromList = addresses(message, "From");
        return new ParsedMail(
                stripAngles(first(headers, "Message-Id")),
                fromList.isEmpty() ? null : fromList.get(0),
                to,
                cc,
                blindCopies(envelope, to, cc),
                addresses(message, "Reply-To"),
                envelope.mailFrom(),
                subject(message, first(headers, "Subject")),
                date(first(headers, "Date")),
                body.text,
                body.html,
                headers,
                List.copyOf(body.attachments),
                List.copyOf(body.inline),
                snippet(body.text, body.html));
    }

    private static void walk(Part part, String partId, boolean inRelated, Body body)
            throws MessagingException, IOException {
        String type = baseType(part);
        if (type.startsWith("multipart/")) {
            Multipart multipart = (Multipart) part.getContent();
            boolean related = type.equals("multipart/related");
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, partId.isEmpty() ? String.valueOf(i + 1) : partId + "." + (i + 1), related, body);
            }
            return;
        }
        String id = partId.isEmpty() ? "1" : partId;
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName(part) != null;
        if (!attachment && type.equals("text/plain") && body.text.isEmpty()) {
            body.text = textOf(part);
        } else if (!attachment && type.equals("text/html") && body.html.isEmpty()) {
            body.html = textOf(part);
        } else {
            String contentId = stripAngles(header(part, "Content-ID"));
            boolean inline = !contentId.isEmpty() && (inRelated || Part.INLINE.equalsIgnoreCase(part.getDisposition()));
            MailPart mailPart = new MailPart(id, fileName(part) == null ? "" : fileName(part), type, contentId,
                    bytesOf(part));
            (inline ? body.inline : body.attachments).add(mailPart);
        }
    }

    private static String textOf(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (UnsupportedEncodingException e) {
            // Unknown charset name: fall through and read the decoded bytes as UTF-8.
        }
        return new String(bytesOf(part), charsetOf(part));
    }

    private static byte[] bytesOf(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Charset charsetOf(Part part) {
        try {
            String charset = new ContentType(part.getContentType()).getParameter("charset");
            return charset == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(charset));
        } catch (MessagingException | RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain";
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            return null;
        }
    }

    private static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? "" : values[0];
    }

    private static List<MailAddress> addresses(MimeMessage message, String header) {
        if (message == null) {
            return List.of();
        }
        try {
            String value = message.getHeader(header, ",");
            if (value == null || value.isBlank()) {
                return List.of();
            }
            List<MailAddress> result = new ArrayList<>();
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                result.add(new MailAddress(address.getPersonal(), address.getAddress()));
            }
            return result;
        } catch (AddressException e) {
            return List.of(new MailAddress("", headerOrEmpty(message, header)));
        } catch (MessagingException e) {
            return List.of();
        }
    }

    private static String headerOrEmpty(MimeMessage message, String header) {
        try {
            String value = message.getHeader(header, ",");
            return value == null ? "" : value.strip();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Envelope recipients missing from To and Cc were sent as Bcc; Mailpit reports them the same way. */
    private static List<MailAddress> blindCopies(Envelope envelope, List<MailAddress> to, List<MailAddress> cc) {
        Set<String> visible = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        to.forEach(a -> visible.add(a.address()));
        cc.forEach(a -> visible.add(a.address()));
        List<MailAddress> bcc = new ArrayList<>();
        for (String rcpt : envelope.rcptTo()) {
            if (visible.add(rcpt)) {
                bcc.add(new MailAddress("", rcpt));
            }
        }
        return bcc;
    }

    private static String subject(MimeMessage message, String rawSubject) {
        if (message != null) {
            try {
                String subject = message.getSubject();
                if (subject != null) {
                    return subject;
                }
            } catch (MessagingException e) {
                // Fall back to the undecoded header below.
            }
        }
        return rawSubject;
    }

    static OffsetDateTime date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String cleaned = value.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+", " ").strip();
        try {
            return OffsetDateTime.parse(cleaned, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            Date parsed = new MailDateFormat().parse(cleaned, new ParsePosition(0));
            return parsed == null ? null : parsed.toInstant().atOffset(ZoneOffset.UTC);
        }
    }

    static String snippet(String text, String html) {
        String source = text.isBlank() ? htmlToText(html) : text;
        String collapsed = source.replaceAll("\\s+", " ").strip();
        if (collapsed.length() <= SNIPPET_LENGTH) {
            return collapsed;
        }
        return collapsed.substring(0, SNIPPET_LENGTH).strip() + "...";
    }

    private static String htmlToText(String html) {
        return html.replaceAll("(?is)<(style|script|head)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String afterHeaders(byte[] raw) {
        String all = new String(raw, StandardCharsets.UTF_8);
        int split = all.indexOf("\r\n\r\n");
        return split < 0 ? "" : all.substring(split + 4);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static String stripAngles(String value) {
        String v = value == null ? "" : value.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Session lenientSession() {
        Properties props = new Properties();
        props.setProperty("mail.mime.address.strict", "false");
        props.setProperty("mail.mime.decodetext.strict", "false");
        props.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        props.setProperty("mail.mime.parameters.strict", "false");
        return Session.getInstance(props);
    }

    /** Collects the parts while walking. */
    private static final class Body {
        String text = "";
        String html = "";
        final List<MailPart> attachments = new ArrayList<>();
        final List<MailPart> inline = new ArrayList<>();
    }
}
