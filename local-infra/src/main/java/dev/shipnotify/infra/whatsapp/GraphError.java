package dev.shipnotify.infra.whatsapp;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph API error as the Cloud API sends it: HTTP status plus {@code {"error":{"message","type","code",
 * "error_data":{"messaging_product","details"},"error_subcode","fbtrace_id"}}}.
 *
 * @param subcode  {@code null} when the real API sends none (most Cloud API errors since v16)
 * @param details  {@code null} for errors without {@code error_data} (the token errors)
 */
public record GraphError(int httpStatus, int code, Integer subcode, String message, String details) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TRACE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();

    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        if (details != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("messaging_product", "whatsapp");
            data.put("details", details);
            error.put("error_data", data);
        }
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", fbtraceId());
        return Map.of("error", error);
    }

    /** Meta's trace ids are opaque 23-character tokens; a fresh one per answer, as there. */
    private static String fbtraceId() {
        char[] id = new char[23];
        id[0] = 'A';
        for (int i = 1; i < id.length; i++) {
            id[i] = TRACE_CHARS[RANDOM.nextInt(TRACE_CHARS.length)];
        }
        return new String(id);
    }
}
