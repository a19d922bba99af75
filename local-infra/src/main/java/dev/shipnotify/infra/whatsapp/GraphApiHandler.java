package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shipnotify.contracts.Redact;
import dev.shipnotify.infra.web.Responses;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /{version}/{phone-number-id}/messages}, answered as the Cloud API answers it: the token
 * first, then the path, then the body, then any failure armed through {@code /sandbox/failures}.
 */
final class GraphApiHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(GraphApiHandler.class.getName());
    private static final Pattern SEND_PATH = Pattern.compile("^/(?:(v\\d+\\.\\d+)/)?([^/]+)/messages/?$");
    private static final int MAX_BODY = 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] accessToken;
    private final MessageLog log;
    private final FailurePlan failures;
    private final StatusWebhooks webhooks;

    GraphApiHandler(String accessToken, MessageLog log, FailurePlan failures, StatusWebhooks webhooks) {
        this.accessToken = accessToken.getBytes(StandardCharsets.UTF_8);
        this.log = log;
        this.failures = failures;
        this.webhooks = webhooks;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange, accept(exchange));
            } catch (GraphErrorException e) {
                fail(exchange, e.error());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "WhatsApp sandbox failed on a send", e);
                fail(exchange, GraphErrors.forCode(131000));
            }
        }
    }

    private SentMessage accept(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            throw new GraphErrorException(GraphErrors.invalidToken());
        }
        String path = exchange.getRequestURI().getPath();
        Matcher matcher = SEND_PATH.matcher(path);
        if (!matcher.matches()) {
            throw new GraphErrorException(GraphErrors.unknownPath(path));
        }
        String phoneNumberId = matcher.group(2);
        if (!phoneNumberId.matches("[0-9]{1,20}")) {
            throw new GraphErrorException(GraphErrors.unknownObject(phoneNumberId));
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            throw new GraphErrorException(GraphErrors.unknownPath(path));
        }
        SendRequest request = SendRequestValidator.validate(readJson(exchange));

        Optional<FailurePlan.Failure> failure = failures.next(request.waId());
        if (failure.isPresent() && !failure.get().async()) {
            LOG.log(System.Logger.Level.INFO, "WhatsApp send to {0} answered with armed error {1}",
                    Redact.phone(request.to()), failure.get().error().code());
            throw new GraphErrorException(failure.get().error());
        }
        GraphError asyncError = failure.map(FailurePlan.Failure::error).orElse(null);
        SentMessage message = new SentMessage(newWamid(request.waId()), phoneNumberId, request.to(), request.waId(),
                request.type(), request.templateName(), request.language(), request.parameters(),
                request.components(), request.text(), request.bizOpaqueCallbackData(), Instant.now(),
                asyncError == null ? "accepted" : "failed", asyncError == null ? null : asyncError.code());
        log.add(message);
        LOG.log(System.Logger.Level.INFO, "WhatsApp {0} {1} to {2} accepted as {3}", request.type(),
                request.templateName() == null ? "" : request.templateName(), Redact.phone(request.to()),
                message.id());
        if (asyncError == null) {
            webhooks.delivered(message);
        } else {
            webhooks.failed(message, asyncError);
        }
        return message;
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        } else if (header == null) {
            token = queryParam(exchange, "access_token");
        }
        return token != null && MessageDigest.isEqual(accessToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = Responses.body(exchange, MAX_BODY);
        if (body.length == 0) {
            throw new GraphErrorException(GraphErrors.missingParameter("messaging_product"));
        }
        try {
            return MessageLog.JSON.readTree(body);
        } catch (IOException e) {
            throw new GraphErrorException(GraphErrors.invalidParameter("The request body is not valid JSON."));
        }
    }

    /** The success body of the Cloud API; template sends also carry {@code message_status}. */
    private static void answer(HttpExchange exchange, SentMessage message) throws IOException {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("input", message.to());
        contact.put("wa_id", message.waId());
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("id", message.id());
        if (message.type().equals("template")) {
            sent.put("message_status", "accepted");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("contacts", List.of(contact));
        body.put("messages", List.of(sent));
        Responses.json(exchange, 200, body);
    }

    private static void fail(HttpExchange exchange, GraphError error) throws IOException {
        if (error.httpStatus() == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate",
                    "OAuth \"Facebook Platform\" \"invalid_token\" \"" + error.message().replace("\"", "'") + "\"");
        }
        Responses.json(exchange, error.httpStatus(), error.body());
    }

    /** {@code wamid.} plus an opaque, unique token, shaped like Meta's ids (for inbound messages too). */
    static String newWamid(String waId) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        byte[] digits = waId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer id = ByteBuffer.allocate(2 + digits.length + random.length);
        id.put((byte) 0x1c).put((byte) digits.length).put(digits).put(random);
        return "wamid." + Base64.getUrlEncoder().withoutPadding().encodeToString(id.array());
    }

    private static String queryParam(HttpExchange exchange, String name) {
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
