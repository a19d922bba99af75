package dev.shipnotify.infra.whatsapp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shopper's messages to the business, as Meta delivers them to the business's webhook: field {@code messages},
 * with the shopper in {@code value.contacts[]} and the message in {@code value.messages[]}. A message that
 * answers one of the business's messages names it in {@code context}, as a quick-reply button tap always does.
 */
final class ShopperMessages {
    /** The business number a shopper writes to when the sandbox sent them nothing it still remembers. */
    static final String DEFAULT_PHONE_NUMBER_ID = "100000000000002";
    static final String PROFILE_NAME = "Sandbox shopper";

    /** A message ready to post: its new {@code wamid} and the webhook payload carrying it. */
    record Inbound(String id, Map<String, Object> payload) {
    }

    private final MessageLog log;

    ShopperMessages(MessageLog log) {
        this.log = log;
    }

    /** A text the shopper {@code waId} typed; {@code contextId} (may be {@code null}) is the message it answers. */
    Inbound text(String waId, String body, String contextId) {
        return inbound(waId, contextId, "text", Map.of("body", body));
    }

    /** A tap on the quick-reply button ({@code payload}, {@code text}) of the business's message {@code contextId}. */
    Inbound button(String waId, String payload, String text, String contextId) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("payload", payload);
        button.put("text", text);
        return inbound(waId, contextId, "button", button);
    }

    private Inbound inbound(String waId, String contextId, String type, Map<String, Object> typed) {
        String id = GraphApiHandler.newWamid(waId);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("from", waId);
        message.put("id", id);
        message.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        message.put("type", type);
        message.put(type, typed);
        if (contextId != null) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("from", StatusWebhooks.DISPLAY_PHONE_NUMBER);
            context.put("id", contextId);
            message.put("context", context);
        }
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("profile", Map.of("name", PROFILE_NAME));
        contact.put("wa_id", waId);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("contacts", List.of(contact));
        content.put("messages", List.of(message));
        return new Inbound(id, StatusWebhooks.envelope(phoneNumberId(waId, contextId), content));
    }

    /** The business number the shopper answers: that of message {@code contextId}, else of the newest sent to them. */
    private String phoneNumberId(String waId, String contextId) {
        return log.find(contextId)
                .or(() -> log.all().stream().filter(m -> m.waId().equals(waId)).findFirst())
                .map(SentMessage::phoneNumberId)
                .orElse(DEFAULT_PHONE_NUMBER_ID);
    }
}
