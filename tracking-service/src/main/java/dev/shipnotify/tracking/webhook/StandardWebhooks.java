package dev.shipnotify.tracking.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks 1.0 signatures: {@code webhook-signature} holds space-separated {@code v1,<base64>} entries, each
 * an HMAC-SHA256 of {@code <webhook-id>.<webhook-timestamp>.<raw body>} under a {@code whsec_<base64>} secret. Any
 * entry matching any secret passes, so senders and receivers can rotate secrets; the timestamp must lie within the
 * tolerance of now, so a captured request cannot be replayed later.
 */
public final class StandardWebhooks {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /** The key bytes of a {@code whsec_<base64>} secret (the prefix is optional). */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** The {@code webhook-signature} value for these parts under this key: {@code v1,<base64>}. */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, id, timestamp, body));
    }

    /** @throws SignatureRejectedException naming what is wrong, never which secret was tried */
    static void verify(String id, String timestamp, String signatures, byte[] body, List<byte[]> keys,
            Duration tolerance, Instant now) {
        if (id == null || timestamp == null || signatures == null) {
            throw new SignatureRejectedException("Send " + ID + ", " + TIMESTAMP + " and " + SIGNATURE + " headers");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new SignatureRejectedException(TIMESTAMP + " must be Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new SignatureRejectedException(TIMESTAMP + " is more than " + tolerance.toSeconds()
                    + " s away from now; resend with a fresh timestamp and signature");
        }
        for (String entry : signatures.strip().split(" +")) {
            if (entry.startsWith("v1,") && Hmac.matchesAny(decode(entry.substring(3)), keys,
                    key -> hmac(key, id, seconds, body))) {
                return;
            }
        }
        throw new SignatureRejectedException("No " + SIGNATURE + " matches the body under a current secret");
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] hmac(byte[] key, String id, long timestamp, byte[] body) {
        return Hmac.sha256(key, Hmac.utf8(id + "." + timestamp + "."), body);
    }
}
