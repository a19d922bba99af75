package dev.shipnotify.infra.mail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.shipnotify.infra.web.Html.escape;

/**
 * The mailbox as a developer sees it: a list that refreshes itself, and one page per message with its
 * headers, its HTML in a sandboxed frame and its text part. Read-only on purpose: a delete button would
 * be a form any other site could post to, while the API's DELETE needs a CORS preflight.
 */
final class MailboxPages implements HttpHandler {
    /** The message's HTML may load images but never run script, submit forms or navigate this page. */
    private static final String MESSAGE_HTML_CSP =
            "default-src 'none'; img-src http: https: data: cid:; style-src 'unsafe-inline' http: https:; "
                    + "font-src http: https: data:; sandbox";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MailStore store;

    MailboxPages(MailStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Responses.methodNotAllowed(exchange, "GET");
                return;
            }
            List<String> path = MailboxApi.segments(exchange.getRequestURI().getRawPath());
            if (path.isEmpty()) {
                Responses.html(exchange, listPage());
            } else if (path.size() == 1 && (path.get(0).equals("livez") || path.get(0).equals("readyz"))) {
                Responses.text(exchange, 200, "ok");
            } else if (path.size() >= 2 && path.get(0).equals("view")) {
                view(exchange, path);
            } else {
                Responses.notFound(exchange);
            }
        }
    }

    private void view(HttpExchange exchange, List<String> path) throws IOException {
        Optional<StoredMail> mail = store.find(path.get(1));
        if (mail.isEmpty()) {
            Responses.notFound(exchange);
        } else if (path.size() == 2) {
            Responses.html(exchange, messagePage(mail.get()));
        } else if (path.size() == 3 && path.get(2).equals("html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", MESSAGE_HTML_CSP);
            exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String html = mail.get().parsed().html();
            Responses.send(exchange, 200, "text/html; charset=utf-8",
                    (html.isEmpty() ? "<p><em>This message has no HTML part.</em></p>" : html)
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            Responses.notFound(exchange);
        }
    }

    private String listPage() {
        List<StoredMail> all = store.all();
        StringBuilder rows = new StringBuilder();
        for (StoredMail mail : all) {
            ParsedMail p = mail.parsed();
            rows.append("<tr><td>").append(escape(time(mail.created())))
                    .append("</td><td>").append(escape(p.from() == null ? "" : show(p.from())))
                    .append("</td><td>").append(escape(p.to().stream().map(MailboxPages::show)
                            .collect(Collectors.joining(", "))))
                    .append("</td><td><a href=\"/view/").append(escape(link(mail.id()))).append("\">")
                    .append(escape(p.subject().isEmpty() ? "(no subject)" : p.subject()))
                    .append("</a></td></tr>\n");
        }
        String body = all.isEmpty()
                ? "<p class=\"empty\">No messages yet. Send mail to this server's SMTP port.</p>"
                : "<table><thead><tr><th>Received</th><th>From</th><th>To</th><th>Subject</th></tr></thead>"
                        + "<tbody>\n" + rows + "</tbody></table>";
        return page("Mailbox (" + all.size() + ")", "<meta http-equiv=\"refresh\" content=\"3\">",
                "<h1>Mailbox <small>" + all.size() + " message(s), newest first</small></h1>" + body);
    }

    private String messagePage(StoredMail mail) {
        ParsedMail p = mail.parsed();
        String id = escape(link(mail.id()));
        StringBuilder meta = new StringBuilder("<table class=\"meta\">");
        metaRow(meta, "From", p.from() == null ? "" : show(p.from()));
        metaRow(meta, "To", joined(p.to()));
        metaRow(meta, "Cc", joined(p.cc()));
        metaRow(meta, "Bcc", joined(p.bcc()));
        metaRow(meta, "Reply-To", joined(p.replyTo()));
        metaRow(meta, "Subject", p.subject());
        metaRow(meta, "Date", p.date() == null ? "" : p.date().toString());
        metaRow(meta, "Received", time(mail.created()));
        metaRow(meta, "Size", mail.raw().length + " bytes");
        metaRow(meta, "List-Unsubscribe", p.firstHeader("List-Unsubscribe"));
        meta.append("</table>");

        StringBuilder parts = new StringBuilder();
        for (MailPart part : p.attachments()) {
            parts.append("<li><a href=\"/api/v1/message/").append(id).append("/part/")
                    .append(escape(link(part.partId()))).append("\">")
                    .append(escape(part.fileName().isEmpty() ? part.partId() : part.fileName()))
                    .append("</a> (").append(escape(part.contentType())).append(", ")
                    .append(part.content().length).append(" bytes)</li>");
        }

        StringBuilder headers = new StringBuilder("<table class=\"headers\">");
        for (Map.Entry<String, List<String>> header : p.headers().entrySet()) {
            for (String value : header.getValue()) {
                headers.append("<tr><th>").append(escape(header.getKey())).append("</th><td>")
                        .append(escape(value)).append("</td></tr>");
            }
        }
        headers.append("</table>");

        String content = "<p><a href=\"/\">&larr; all messages</a> &middot; <a href=\"/api/v1/message/" + id
                + "/raw\">raw source</a> &middot; <a href=\"/api/v1/message/" + id + "\">JSON</a></p>"
                + "<h1>" + escape(p.subject().isEmpty() ? "(no subject)" : p.subject()) + "</h1>"
                + meta
                + (parts.length() == 0 ? "" : "<h2>Attachments</h2><ul>" + parts + "</ul>")
                + "<h2>HTML</h2><iframe sandbox=\"\" referrerpolicy=\"no-referrer\" src=\"/view/" + id
                + "/html\" title=\"HTML part\"></iframe>"
                + "<h2>Text</h2><pre>" + escape(p.text().isEmpty() ? "(no text part)" : p.text()) + "</pre>"
                + "<h2>Headers</h2>" + headers;
        return page(p.subject(), "", content);
    }

    private static void metaRow(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            out.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>");
        }
    }

    private static String page(String title, String head, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head
                + "<title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}"
                + "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;"
                + "border-bottom:1px solid #ddd;vertical-align:top}th{white-space:nowrap}"
                + "tbody tr:hover{background:#f4f7fb}small{color:#777;font-weight:normal;font-size:.6em}"
                + "iframe{width:100%;height:32rem;border:1px solid #ccc;background:#fff}"
                + "pre{white-space:pre-wrap;background:#f7f7f7;padding:1rem;border:1px solid #ddd}"
                + ".headers td{font-family:monospace;word-break:break-all}.empty{color:#777}"
                + "</style></head><body>" + body + "</body></html>";
    }

    private static String show(MailAddress a) {
        return a.name().isEmpty() ? a.address() : a.name() + " <" + a.address() + ">";
    }

    private static String joined(List<MailAddress> addresses) {
        return addresses.stream().map(MailboxPages::show).collect(Collectors.joining(", "));
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String link(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
