package dev.shipnotify.infra.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.shipnotify.infra.web.Html.escape;

/** The page at {@code /}: what a shopper's phone would have received, newest first, refreshing itself. */
final class SandboxPage implements HttpHandler {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MessageLog log;
    private final FailurePlan failures;

    SandboxPage(MessageLog log, FailurePlan failures) {
        this.log = log;
        this.failures = failures;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                Responses.methodNotAllowed(exchange, "GET");
                return;
            }
            Responses.html(exchange, page(log.all(), failures.describe()));
        }
    }

    private static String page(List<SentMessage> messages, List<Map<String, Object>> pending) {
        StringBuilder rows = new StringBuilder();
        for (SentMessage m : messages) {
            String what = m.templateName() != null
                    ? "<b>" + escape(m.templateName()) + "</b> <small>" + escape(m.language()) + "</small>"
                    : escape(m.type());
            String content = m.text() != null
                    ? escape(m.text())
                    : m.parameters().stream().map(p -> "<span class=\"p\">" + escape(p) + "</span>")
                            .collect(Collectors.joining());
            rows.append("<tr><td>").append(escape(TIME.format(m.time())))
                    .append("</td><td>").append(escape("+" + m.waId()))
                    .append("</td><td>").append(what)
                    .append("</td><td>").append(content)
                    .append("</td><td class=\"s ").append(escape(m.status())).append("\">").append(escape(m.status()))
                    .append(m.errorCode() == null ? "" : " (" + m.errorCode() + ")")
                    .append("</td><td><code>").append(escape(m.id())).append("</code></td></tr>\n");
        }
        String armed = pending.isEmpty()
                ? ""
                : "<p class=\"armed\">Armed failures: " + escape(pending.toString()) + "</p>";
        String table = messages.isEmpty()
                ? "<p class=\"empty\">No messages yet. POST to /v21.0/{phone-number-id}/messages.</p>"
                : "<table><thead><tr><th>Time</th><th>To</th><th>Template</th><th>Parameters / text</th>"
                        + "<th>Status</th><th>Id</th></tr></thead><tbody>\n" + rows + "</tbody></table>";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"3\"><title>WhatsApp sandbox (" + messages.size() + ")</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}"
                + "table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;"
                + "border-bottom:1px solid #ddd;vertical-align:top}small{color:#777}"
                + ".p{display:inline-block;background:#e7f7ec;border-radius:.3rem;padding:0 .3rem;"
                + "margin:0 .2rem .2rem 0}"
                + ".s.failed{color:#b00}.s.delivered{color:#070}.armed{color:#b60}.empty{color:#777}"
                + "code{font-size:.75em;color:#777}</style></head><body>"
                + "<h1>WhatsApp Cloud API sandbox <small>" + messages.size() + " message(s), newest first</small></h1>"
                + armed + table + "</body></html>";
    }
}
