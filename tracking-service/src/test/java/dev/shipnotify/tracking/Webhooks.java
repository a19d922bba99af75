package dev.shipnotify.tracking;

import static io.restassured.RestAssured.given;

import dev.shipnotify.tracking.webhook.StandardWebhooks;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Posts canonical webhooks signed the Standard Webhooks way, as a courier holding the test profile's secrets would. */
public final class Webhooks {
    /** The newest of the test profile's two canonical secrets, and the one being rotated out. */
    public static final String SECRET = "whsec_dGVzdC1jYW5vbmljYWwtbmV3LXNlY3JldC0wMDAwMDE=";
    public static final String OLD_SECRET = "whsec_dGVzdC1jYW5vbmljYWwtb2xkLXNlY3JldC0wMDAwMDE=";

    private Webhooks() {
    }

    public static Response canonical(String body) {
        return canonical(body, SECRET, Instant.now());
    }

    public static Response canonical(String body, String secret, Instant signedAt) {
        return canonical(body, secret, signedAt, java.util.Map.of());
    }

    /** As {@link #canonical(String, String, Instant)}, with more headers (a caller's {@code traceparent}, say). */
    public static Response canonical(String body, String secret, Instant signedAt, java.util.Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        long timestamp = signedAt.getEpochSecond();
        return given().contentType(ContentType.JSON).headers(headers)
                .header(StandardWebhooks.ID, id)
                .header(StandardWebhooks.TIMESTAMP, Long.toString(timestamp))
                .header(StandardWebhooks.SIGNATURE, StandardWebhooks.sign(StandardWebhooks.key(secret), id, timestamp,
                        bytes))
                .body(bytes)
                .when().post("/webhooks/canonical");
    }

    /** One canonical scan as JSON. */
    public static String scan(String carrier, String trackingNumber, String status, String time) {
        return """
                {"carrier": "%s", "trackingNumber": "%s", "status": "%s", "courierCode": "X-%s",
                 "message": "Scan %s", "time": "%s", "location": {"city": "Bengaluru", "region": "KA", "country": "IN"}}
                """.formatted(carrier, trackingNumber, status, status, status, time);
    }
}
