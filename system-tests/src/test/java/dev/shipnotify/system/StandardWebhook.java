package dev.shipnotify.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A courier posting a webhook signed the Standard Webhooks way, knowing only the spec and the shared secret. */
final class StandardWebhook {
    private StandardWebhook() {
    }

    static Response post(String url, String secret, String body) throws Exception {
        return post(url, secret, body, java.util.Map.of());
    }

    /** As {@link #post(String, String, String)}, with more headers (a {@code traceparent}, say). */
    static Response post(String url, String secret, String body, java.util.Map<String, String> headers)
            throws Exception {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
        byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return given().contentType(ContentType.JSON).headers(headers)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + Base64.getEncoder().encodeToString(signature))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(url);
    }
}
