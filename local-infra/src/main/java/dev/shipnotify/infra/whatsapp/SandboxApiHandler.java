package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own API: {@code GET|DELETE /sandbox/messages} (optionally {@code ?to=<phone>}) and
 * {@code GET|POST|DELETE /sandbox/failures}, where a POST of
 * {@code {"code":130429,"count":2,"httpStatus":400,"message":"…","details":"…","async":false}} arms errors
 * for the next send calls (only {@code code} is required).
 */
final class SandboxApiHandler implements HttpHandler {
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_COUNT = 100_000;

    private final MessageLog log;
    private final FailurePlan failures;

    SandboxApiHandler(MessageLog log, FailurePlan failures) {
        this.log = log;
        this.failures = failures;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            String method = exchange.getRequestMethod();
            try {
                switch (path) {
                    case "/sandbox/messages" -> messages(exchange, method);
                    case "/sandbox/failures" -> failures(exchange, method);
                    default -> Responses.notFound(exchange);
                }
            } catch (RuntimeException e) {
                Responses.json(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void messages(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET", "HEAD" -> {
                String to = query(exchange, "to");
                List<SentMessage> all = log.all();
                if (to != null) {
                    String digits = to.replaceAll("[^0-9]", "");
                    all = all.stream().filter(m -> m.waId().equals(digits)).toList();
                }
                Responses.json(exchange, 200, all);
            }
            case "DELETE" -> Responses.json(exchange, 200, Map.of("deleted", log.clear()));
            default -> Responses.methodNotAllowed(exchange, "GET, DELETE");
        }
    }

    private void failures(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET", "HEAD" -> Responses.json(exchange, 200, Map.of("pending", failures.describe()));
            case "DELETE" -> {
                failures.clear();
                Responses.json(exchange, 200, Map.of("pending", failures.describe()));
            }
            case "POST" -> arm(exchange);
            default -> Responses.methodNotAllowed(exchange, "GET, POST, DELETE");
        }
    }

    private void arm(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = MessageLog.JSON.readTree(Responses.body(exchange, MAX_BODY));
        } catch (IOException e) {
            Responses.json(exchange, 400, Map.of("error", "body must be JSON such as {\"code\":130429,\"count\":2}"));
            return;
        }
        if (body == null || !body.path("code").canConvertToInt()) {
            Responses.json(exchange, 400, Map.of("error", "\"code\" (a Graph API error code) is required"));
            return;
        }
        int count = body.path("count").asInt(1);
        int httpStatus = body.path("httpStatus").asInt(0);
        if (count < 1 || count > MAX_COUNT || (body.has("httpStatus") && (httpStatus < 400 || httpStatus > 599))) {
            Responses.json(exchange, 400, Map.of("error",
                    "\"count\" must be 1.." + MAX_COUNT + " and \"httpStatus\", if given, 400..599"));
            return;
        }
        GraphError known = GraphErrors.forCode(body.path("code").asInt());
        GraphError error = new GraphError(
                body.has("httpStatus") ? httpStatus : known.httpStatus(),
                known.code(),
                known.subcode(),
                body.hasNonNull("message") ? body.get("message").asText() : known.message(),
                body.hasNonNull("details") ? body.get("details").asText() : known.details());
        failures.add(error, body.path("async").asBoolean(false), count);
        Responses.json(exchange, 201, Map.of("pending", failures.describe()));
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }
}
