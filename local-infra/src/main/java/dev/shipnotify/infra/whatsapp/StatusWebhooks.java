package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shipnotify.infra.web.DaemonThreads;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports message statuses to the business's webhook the way Meta does: a POST of
 * {@code entry[].changes[].value.statuses[]} signed with {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256
 * of the body, keyed with the app secret>}. A status is recorded as reported only once the webhook answered
 * 2xx; a failed POST is retried a few times with backoff, as Meta retries.
 */
final class StatusWebhooks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatusWebhooks.class.getName());
    /** The WhatsApp Business Account id and display number the sandbox pretends to be. */
    static final String WABA_ID = "100000000000001";
    static final String DISPLAY_PHONE_NUMBER = "15550000000";
    private static final int ATTEMPTS = 4;
    private static final long FIRST_RETRY_MILLIS = 500;

    private final MessageLog log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService sender =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("whatsapp-webhook"));
    private volatile Target target;

    private record Target(URI url, byte[] appSecret) {
    }

    StatusWebhooks(MessageLog log) {
        this.log = log;
    }

    void configure(URI url, String appSecret) {
        target = url == null ? null : new Target(url, appSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** After an accepted send: {@code sent}, then {@code delivered}. */
    void delivered(SentMessage message) {
        Target t = target;
        if (t != null) {
            sender.execute(() -> {
                if (post(t, message, "sent", null, 1)) {
                    post(t, message, "delivered", null, 1);
                }
            });
        }
    }

    /** After a send that fails later on Meta's side (an async failure): one {@code failed} status. */
    void failed(SentMessage message, GraphError error) {
        Target t = target;
        if (t != null) {
            sender.execute(() -> post(t, message, "failed", error, 1));
        }
    }

    private boolean post(Target t, SentMessage message, String status, GraphError error, int attempt) {
        byte[] body;
        try {
            body = MessageLog.JSON.writeValueAsBytes(payload(message, status, error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(t.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "facebookexternalua")
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(t.appSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int answered = -1;
        try {
            answered = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Status webhook to {0} failed: {1}", t.url(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (answered >= 200 && answered < 300) {
            log.update(message.id(), m -> m.withStatus(status, error == null ? null : error.code()));
            return true;
        }
        if (attempt < ATTEMPTS) {
            long delay = FIRST_RETRY_MILLIS << (attempt - 1);
            LOG.log(System.Logger.Level.INFO, "Status webhook {0} for {1} answered {2}; retrying in {3} ms",
                    status, message.id(), answered, delay);
            sender.schedule(() -> {
                if (post(t, message, status, error, attempt + 1) && status.equals("sent")) {
                    post(t, message, "delivered", null, 1);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } else {
            LOG.log(System.Logger.Level.WARNING, "Status webhook {0} for {1} gave up after {2} attempts",
                    status, message.id(), ATTEMPTS);
        }
        return false;
    }

    static Map<String, Object> payload(SentMessage message, String status, GraphError error) {
        Map<String, Object> statusItem = new LinkedHashMap<>();
        statusItem.put("id", message.id());
        statusItem.put("status", status);
        statusItem.put("timestamp", String.valueOf(Instant.now().getEpochSecond()));
        statusItem.put("recipient_id", message.waId());
        if (message.bizOpaqueCallbackData() != null) {
            statusItem.put("biz_opaque_callback_data", message.bizOpaqueCallbackData());
        }
        if (error != null) {
            String title = error.message().replaceFirst("^\\(#\\d+\\) ", "");
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", error.code());
            e.put("title", title);
            e.put("message", title);
            if (error.details() != null) {
                e.put("error_data", Map.of("details", error.details()));
            }
            e.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
            statusItem.put("errors", List.of(e));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("display_phone_number", DISPLAY_PHONE_NUMBER);
        metadata.put("phone_number_id", message.phoneNumberId());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", metadata);
        value.put("statuses", List.of(statusItem));
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("value", value);
        change.put("field", "messages");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", WABA_ID);
        entry.put("changes", List.of(change));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("object", "whatsapp_business_account");
        payload.put("entry", List.of(entry));
        return payload;
    }

    static String hmacHex(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
