package dev.shipnotify.tracking.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A webhook as it arrived: the raw body bytes (signatures are computed over them, never over re-serialised JSON)
 * and the headers, looked up case-insensitively.
 */
public record WebhookRequest(String source, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public WebhookRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
