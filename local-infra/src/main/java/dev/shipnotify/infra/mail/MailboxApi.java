package dev.shipnotify.infra.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Mailpit-compatible subset under {@code /api/v1}: list, read, headers, raw source, parts, delete.
 * Paging ({@code start}, {@code limit}, default 50) behaves as in Mailpit so clients that page work on both.
 */
final class MailboxApi implements HttpHandler {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_DELETE_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailStore store;
    private final ReadMarks read;

    MailboxApi(MailStore store, ReadMarks read) {
        this.store = store;
        this.read = read;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            Responses.text(exchange, 500, "Error: " + e.getMessage());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String method = exchange.getRequestMethod();
        // path starts with "api", "v1"
        if (path.size() == 3 && path.get(2).equals("messages")) {
            switch (method) {
                case "GET", "HEAD" -> list(exchange);
                case "DELETE" -> delete(exchange);
                default -> Responses.methodNotAllowed(exchange, "GET, DELETE");
            }
            return;
        }
        if (path.size() >= 4 && path.get(2).equals("message")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                Responses.methodNotAllowed(exchange, "GET");
                return;
            }
            Optional<StoredMail> mail = store.find(path.get(3));
            if (mail.isEmpty()) {
                Responses.notFound(exchange);
                return;
            }
            message(exchange, mail.get(), path.subList(4, path.size()));
            return;
        }
        Responses.notFound(exchange);
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        int start = Math.max(0, intParam(query, "start", 0));
        int limit = intParam(query, "limit", DEFAULT_LIMIT);
        if (limit <= 0) {
            limit = DEFAULT_LIMIT;
        }
        List<StoredMail> all = store.all();
        List<StoredMail> page = start >= all.size()
                ? List.of()
                : all.subList(start, Math.min(all.size(), start + limit));
        int unread = (int) all.stream().filter(m -> !read.isRead(m.id())).count();
        Responses.json(exchange, 200, MailpitJson.list(page, all.size(), unread, start, read));
    }

    /** Without IDs in the body everything goes, as in Mailpit. */
    private void delete(HttpExchange exchange) throws IOException {
        byte[] body = Responses.body(exchange, MAX_DELETE_BODY);
        List<String> ids = new ArrayList<>();
        if (body.length > 0) {
            try {
                JsonNode json = JSON.readTree(body);
                json.path("IDs").forEach(id -> ids.add(id.asText()));
            } catch (IOException e) {
                // Mailpit treats an unreadable body as "delete all".
            }
        }
        if (ids.isEmpty()) {
            store.deleteAll();
            read.clear();
        } else {
            store.delete(ids);
            read.forget(ids);
        }
        Responses.text(exchange, 200, "ok");
    }

    private void message(HttpExchange exchange, StoredMail mail, List<String> rest) throws IOException {
        if (rest.isEmpty()) {
            read.mark(mail.id());
            Responses.json(exchange, 200, MailpitJson.message(mail));
        } else if (rest.size() == 1 && rest.get(0).equals("headers")) {
            Responses.json(exchange, 200, mail.parsed().headers());
        } else if (rest.size() == 1 && rest.get(0).equals("raw")) {
            Responses.send(exchange, 200, "text/plain; charset=utf-8", mail.raw());
        } else if (rest.size() == 2 && rest.get(0).equals("part")) {
            part(exchange, mail, rest.get(1));
        } else {
            Responses.notFound(exchange);
        }
    }

    private void part(HttpExchange exchange, StoredMail mail, String partId) throws IOException {
        Optional<MailPart> part = Stream
                .concat(mail.parsed().attachments().stream(), mail.parsed().inline().stream())
                .filter(p -> p.partId().equals(partId))
                .findFirst();
        if (part.isEmpty()) {
            Responses.notFound(exchange);
            return;
        }
        MailPart p = part.get();
        String type = p.contentType();
        String disposition = "inline";
        // Markup from a message must never render as a page of this origin.
        if (type.contains("html") || type.contains("xml") || type.contains("svg")) {
            type = "application/octet-stream";
            disposition = "attachment";
        }
        String name = p.fileName().isEmpty() ? p.contentId() : p.fileName();
        exchange.getResponseHeaders().set("Content-Disposition",
                disposition + "; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; sandbox");
        Responses.send(exchange, 200, type, p.content());
    }

    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                out.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return Integer.parseInt(query.getOrDefault(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
