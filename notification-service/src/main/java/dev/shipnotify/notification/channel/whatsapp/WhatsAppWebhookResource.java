package dev.shipnotify.notification.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Digests;
import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Meta's WhatsApp webhook: the subscription handshake ({@code GET} with {@code hub.challenge}), then signed
 * {@code POST}s of message statuses (sent, delivered, read, failed) and of what shoppers send (a STOP, a quick-reply
 * tap). A POST without a valid {@code X-Hub-Signature-256} of the app secret is refused and changes nothing.
 */
@Path("/webhooks/whatsapp")
@Tag(name = "WhatsApp webhook")
public class WhatsAppWebhookResource {

    static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Forbidden", 403);

    private final ObjectMapper json;
    private final WhatsAppInbox inbox;
    private final Optional<byte[]> appSecret;
    private final Optional<String> verifyToken;

    public WhatsAppWebhookResource(ObjectMapper json, WhatsAppInbox inbox, NotificationConfig config) {
        this.json = json;
        this.inbox = inbox;
        this.appSecret = config.whatsapp().appSecret().filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        this.verifyToken = config.whatsapp().verifyToken().filter(s -> !s.isBlank());
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription handshake: answers hub.challenge when hub.verify_token is ours")
    public String verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        if (!"subscribe".equals(mode) || challenge == null || challenge.isBlank()) {
            throw new InvalidRequestException("hub.mode", "must be subscribe, with a hub.challenge");
        }
        if (token == null || verifyToken.isEmpty() || !MessageDigest.isEqual(
                verifyToken.get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new NotOurs(FORBIDDEN, "hub.verify_token is not ours");
        }
        return challenge;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Message statuses and shoppers' messages, signed by Meta")
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signature, byte[] body) {
        if (!signedByMeta(signature, body)) {
            throw new NotOurs(ProblemType.UNAUTHORIZED, "X-Hub-Signature-256 is missing or wrong");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "is not JSON");
        }
        if (payload == null || !payload.path("entry").isArray()) {
            throw new InvalidRequestException("entry", "a WhatsApp webhook has entry[].changes[].value");
        }
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                value.path("statuses").forEach(this::status);
                value.path("messages").forEach(this::message);
            }
        }
        return Response.ok().build();
    }

    private void status(JsonNode status) {
        JsonNode error = status.path("errors").path(0);
        inbox.status(new WhatsAppInbox.Status(status.path("id").asText(""),
                callbackId(status.path("biz_opaque_callback_data").asText(null)),
                status.path("status").asText("").toLowerCase(Locale.ROOT), time(status),
                error.isMissingNode() ? null : error.path("code").asInt(),
                error.isMissingNode() ? null : error.path("title").asText(error.path("message").asText(null))));
    }

    private void message(JsonNode message) {
        String type = message.path("type").asText("");
        String action = switch (type) {
            case "button" -> message.path("button").path("payload").asText(null);
            case "interactive" -> message.path("interactive").path("button_reply").path("id").asText(null);
            default -> null;
        };
        String text = switch (type) {
            case "text" -> message.path("text").path("body").asText(null);
            case "button" -> message.path("button").path("text").asText(null);
            case "interactive" -> message.path("interactive").path("button_reply").path("title").asText(null);
            default -> null;
        };
        inbox.reply(new WhatsAppInbox.Reply(message.path("id").asText(""), message.path("from").asText(""),
                message.path("context").path("id").asText(null), action, text, time(message)));
    }

    /** A call that does not come from Meta: no valid signature, or not our verify token. */
    static class NotOurs extends ProblemException {
        NotOurs(ProblemType type, String detail) {
            super(type, detail);
        }
    }

    private boolean signedByMeta(String signature, byte[] body) {
        if (appSecret.isEmpty()) {
            Log.warn("A WhatsApp webhook arrived but notification.whatsapp.app-secret is not set; refused");
            return false;
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring("sha256=".length()).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(Digests.hmacSha256(appSecret.get(), body), given);
    }

    private static UUID callbackId(String data) {
        try {
            return data == null ? null : UUID.fromString(data);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant time(JsonNode node) {
        long seconds = node.path("timestamp").asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : Instant.now();
    }
}
