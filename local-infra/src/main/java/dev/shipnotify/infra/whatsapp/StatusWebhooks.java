package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shipnotify.infra.web.DaemonThreads;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts to the business's webhook the way Meta does: {@code object: whatsapp_business_account} with
 * {@code entry[].changes[].value} (field {@code messages}), signed with {@code X-Hub-Signature-256: sha256=<hex
 * HMAC-SHA256 of the body, keyed with the app secret>}.
 *
 * <p>Statuses of accepted messages ({@code value.statuses[]}) go in the background: a status is recorded as
 * reported only once the webhook answered 2xx; a failed POST is retried a few times with backoff, as Meta
 * retries. What the sandbox API asks for ({@link #read}, {@link #postOnce}) is posted once, at once, and
 * answered with the webhook's HTTP status.
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
        LOG.log(System.Logger.Level.INFO, url == null ? "WhatsApp webhooks off" : "WhatsApp webhooks go to {0}", url);
    }

    /** Where webhooks go, or {@code null} when they are off. */
    URI url() {
        Target t = target;
        return t == null ? null : t.url();
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

    /**
     * Reports now that the shopper read {@code message}, once; a 2xx answer records it as {@code read}.
     *
     * @return the HTTP status the webhook answered; empty when no webhook is configured
     * @throws IOException when the webhook could not be reached
     */
    OptionalInt read(SentMessage message) throws IOException {
        OptionalInt answered = postOnce(payload(message, "read", null));
        if (answered.isPresent() && isSuccess(answered.getAsInt())) {
            log.update(message.id(), m -> m.withStatus("read", null));
        }
        return answered;
    }

    /**
     * POSTs {@code payload} (built with {@link #envelope}) now, once, without retries.
     *
     * @return the HTTP status the webhook answered; empty when no webhook is configured
     * @throws IOException when the webhook could not be reached
     */
    OptionalInt postOnce(Map<String, Object> payload) throws IOException {
        Target t = target;
        if (t == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(http.send(request(t, payload), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while posting to " + t.url());
        } catch (IOException e) {
            throw new IOException("POST to " + t.url() + " failed: " + e, e);
        }
    }

    private boolean post(Target t, SentMessage message, String status, GraphError error, int attempt) {
        int answered = -1;
        try {
            answered = http.send(request(t, payload(message, status, error)), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Status webhook to {0} failed: {1}", t.url(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (isSuccess(answered)) {
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

    private static boolean isSuccess(int httpStatus) {
        return httpStatus >= 200 && httpStatus < 300;
    }

    private static HttpRequest request(Target t, Map<String, Object> payload) {
        byte[] body;
        try {
            body = MessageLog.JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(t.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "facebookexternalua")
                .header("X-Hub-Signature-256", "sha256=" + hmacHex(t.appSecret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** The webhook payload of one status of {@code message}; {@code error} only for {@code failed}. */
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
        return envelope(message.phoneNumberId(), Map.of("statuses", List.of(statusItem)));
    }

    /**
     * What Meta wraps every webhook of field {@code messages} in, for the business number {@code phoneNumberId};
     * {@code content} ({@code statuses}, or {@code contacts} and {@code messages}) goes into {@code value} after
     * {@code messaging_product} and {@code metadata}.
     */
    static Map<String, Object> envelope(String phoneNumberId, Map<String, Object> content) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("display_phone_number", DISPLAY_PHONE_NUMBER);
        metadata.put("phone_number_id", phoneNumberId);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", metadata);
        value.putAll(content);
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
