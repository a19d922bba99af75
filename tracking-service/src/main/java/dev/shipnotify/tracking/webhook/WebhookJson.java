package dev.shipnotify.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.problem.InvalidRequestException;
import java.io.IOException;

/** A webhook body as a JSON object, or a 400 naming the body. */
final class WebhookJson {
    private WebhookJson() {
    }

    static JsonNode object(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return root;
    }
}
