package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's own API:
 * <ul>
 * <li>{@code GET|DELETE /sandbox/messages} (optionally {@code ?to=<phone>});
 * <li>{@code GET|POST|DELETE /sandbox/failures}, where a POST of
 * {@code {"code":130429,"count":2,"httpStatus":400,"message":"…","details":"…","async":false,"to":"+91…"}}
 * arms errors for the next send calls, to that recipient only if {@code to} is given (only {@code code} is
 * required);
 * <li>{@code GET|PUT /sandbox/webhook}: {@code {"url":"http://…","appSecret":"…"}} sets where webhooks go,
 * {@code {"url":null}} turns them off; both answer {@code {"url":…}}, never the secret;
 * <li>{@code POST /sandbox/inbound}: the shopper writes {@code {"from":"+91…","text":"STOP"}} or taps a
 * quick-reply button, {@code {"from":"+91…","button":{"payload":"…","text":"…"},"context":"<wamid>"}};
 * <li>{@code POST /sandbox/messages/{id}/read}: the shopper read that message.
 * </ul>
 * The last two post one webhook at once, without retries, and answer 200 with {@code webhookStatus} (what the
 * webhook answered; the inbound one also with the new message's {@code id}), 409 when no webhook is configured
 * and 502 when it cannot be reached.
 */
final class SandboxApiHandler implements HttpHandler {
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_COUNT = 100_000;
    private static final Pattern READ_PATH = Pattern.compile("^/sandbox/messages/([^/]+)/read$");

    private final MessageLog log;
    private final FailurePlan failures;
    private final StatusWebhooks webhooks;
    private final ShopperMessages shopper;

    SandboxApiHandler(MessageLog log, FailurePlan failures, StatusWebhooks webhooks, ShopperMessages shopper) {
        this.log = log;
        this.failures = failures;
        this.webhooks = webhooks;
        this.shopper = shopper;
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
                    case "/sandbox/webhook" -> webhook(exchange, method);
                    case "/sandbox/inbound" -> inbound(exchange, method);
                    default -> {
                        Matcher read = READ_PATH.matcher(path);
                        if (read.matches()) {
                            read(exchange, method, read.group(1));
                        } else {
                            Responses.notFound(exchange);
                        }
                    }
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
        String to = body.hasNonNull("to") ? body.get("to").asText().replaceAll("[^0-9]", "") : null;
        if (to != null && to.isEmpty()) {
            Responses.json(exchange, 400, Map.of("error", "\"to\", if given, must be a phone number"));
            return;
        }
        failures.add(error, body.path("async").asBoolean(false), count, to);
        Responses.json(exchange, 201, Map.of("pending", failures.describe()));
    }

    private void webhook(HttpExchange exchange, String method) throws IOException {
        switch (method) {
            case "GET", "HEAD" -> answerWebhookUrl(exchange);
            case "PUT" -> configureWebhook(exchange);
            default -> Responses.methodNotAllowed(exchange, "GET, PUT");
        }
    }

    private void configureWebhook(HttpExchange exchange) throws IOException {
        JsonNode body = jsonObject(exchange);
        if (body == null) {
            badRequest(exchange, "body must be JSON such as {\"url\":\"http://127.0.0.1:8083/webhooks/whatsapp\","
                    + "\"appSecret\":\"…\"} or {\"url\":null}");
            return;
        }
        JsonNode url = body.path("url");
        if (url.isMissingNode() || url.isNull()) {
            webhooks.configure(null, null);
            answerWebhookUrl(exchange);
            return;
        }
        URI uri = url.isTextual() ? httpUrl(url.asText()) : null;
        if (uri == null) {
            badRequest(exchange, "\"url\" must be an absolute http(s) URL, or null to turn webhooks off");
            return;
        }
        JsonNode appSecret = body.path("appSecret");
        if (!appSecret.isTextual() || appSecret.asText().isEmpty()) {
            badRequest(exchange, "\"appSecret\" is required with a \"url\": webhooks are signed with it");
            return;
        }
        webhooks.configure(uri, appSecret.asText());
        answerWebhookUrl(exchange);
    }

    private void answerWebhookUrl(HttpExchange exchange) throws IOException {
        URI url = webhooks.url();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url == null ? null : url.toString());
        Responses.json(exchange, 200, body);
    }

    private void inbound(HttpExchange exchange, String method) throws IOException {
        if (!method.equals("POST")) {
            Responses.methodNotAllowed(exchange, "POST");
            return;
        }
        JsonNode body = jsonObject(exchange);
        JsonNode from = body == null ? null : body.get("from");
        String waId = from != null && from.isTextual() ? from.asText().replaceAll("[^0-9]", "") : "";
        if (waId.isEmpty()) {
            badRequest(exchange, "body must be JSON with \"from\", the shopper's phone number");
            return;
        }
        JsonNode text = body.path("text");
        JsonNode button = body.path("button");
        JsonNode context = body.path("context");
        if (text.isMissingNode() == button.isMissingNode()) {
            badRequest(exchange, "give either \"text\" or \"button\": {\"payload\":\"…\",\"text\":\"…\"}");
            return;
        }
        if (!context.isMissingNode() && !context.isTextual()) {
            badRequest(exchange, "\"context\", if given, is the id of the message answered");
            return;
        }
        String contextId = context.isTextual() ? context.asText() : null;
        ShopperMessages.Inbound message;
        if (!text.isMissingNode()) {
            if (!text.isTextual() || text.asText().isEmpty()) {
                badRequest(exchange, "\"text\" must be a non-empty string");
                return;
            }
            message = shopper.text(waId, text.asText(), contextId);
        } else {
            if (!button.path("payload").isTextual() || !button.path("text").isTextual()) {
                badRequest(exchange, "\"button\" must have a \"payload\" and a \"text\"");
                return;
            }
            message = shopper.button(waId, button.get("payload").asText(), button.get("text").asText(), contextId);
        }
        postAndAnswer(exchange, () -> webhooks.postOnce(message.payload()), Map.of("id", message.id()));
    }

    private void read(HttpExchange exchange, String method, String id) throws IOException {
        if (!method.equals("POST")) {
            Responses.methodNotAllowed(exchange, "POST");
            return;
        }
        Optional<SentMessage> message = log.find(id);
        if (message.isEmpty()) {
            Responses.json(exchange, 404, Map.of("error", "no message " + id));
            return;
        }
        postAndAnswer(exchange, () -> webhooks.read(message.get()), Map.of());
    }

    /** A webhook POST made while the sandbox API call waits. */
    @FunctionalInterface
    private interface WebhookPost {
        /** @return the webhook's HTTP status; empty when no webhook is configured */
        OptionalInt post() throws IOException;
    }

    /** Makes the POST and answers {@code answer} plus {@code webhookStatus}, or 409 or 502. */
    private static void postAndAnswer(HttpExchange exchange, WebhookPost post, Map<String, Object> answer)
            throws IOException {
        OptionalInt webhookStatus;
        try {
            webhookStatus = post.post();
        } catch (IOException e) {
            Responses.json(exchange, 502, Map.of("error", "webhook not posted: " + e.getMessage()));
            return;
        }
        if (webhookStatus.isEmpty()) {
            Responses.json(exchange, 409, Map.of("error", "no webhook configured: PUT /sandbox/webhook first"));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>(answer);
        body.put("webhookStatus", webhookStatus.getAsInt());
        Responses.json(exchange, 200, body);
    }

    /** The body as a JSON object, or {@code null} when it is not one. */
    private static JsonNode jsonObject(HttpExchange exchange) {
        try {
            JsonNode body = MessageLog.JSON.readTree(Responses.body(exchange, MAX_BODY));
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void badRequest(HttpExchange exchange, String error) throws IOException {
        Responses.json(exchange, 400, Map.of("error", error));
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
