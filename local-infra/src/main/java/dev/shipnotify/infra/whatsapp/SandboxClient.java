package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Test-side access to a {@link WhatsAppSandbox}: what it received, errors to answer next, where its webhooks go,
 * and the shopper's side: replies, button taps and reads, posted to that webhook.
 *
 * <pre>{@code
 * SandboxClient whatsapp = new SandboxClient(sandbox.url());
 * whatsapp.statusWebhook("http://127.0.0.1:" + port + "/webhooks/whatsapp", appSecret);
 * whatsapp.failNext(130429, 2);   // the next two sends get "(#130429) Rate limit hit"
 * await().atMost(Duration.ofSeconds(10)).until(() -> whatsapp.messagesTo("+919876543210").size() == 1);
 * assertThat(whatsapp.reply("+919876543210", "STOP")).isEqualTo(200);   // what the service's webhook answered
 * }</pre>
 */
public final class SandboxClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param baseUrl the sandbox's root, e.g. {@code http://127.0.0.1:8090} */
    public SandboxClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** Every accepted message, newest first. */
    public List<SentMessage> messages() {
        return readMessages("sandbox/messages");
    }

    /** Accepted messages for this phone number (any formatting; compared by digits), newest first. */
    public List<SentMessage> messagesTo(String phone) {
        return readMessages("sandbox/messages?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
    }

    /** The next {@code count} send calls answer the Graph API error {@code code}, with Meta's HTTP status. */
    public void failNext(int code, int count) {
        arm("{\"code\":" + code + ",\"count\":" + count + "}");
    }

    /** As {@link #failNext(int, int)} with a chosen HTTP status. */
    public void failNext(int code, int count, int httpStatus) {
        arm("{\"code\":" + code + ",\"count\":" + count + ",\"httpStatus\":" + httpStatus + "}");
    }

    /**
     * The next {@code count} sends are accepted, then reported {@code failed} with this error code in a
     * status webhook, which is how Meta reports e.g. 131026 (undeliverable) and 131047 (24-hour window).
     */
    public void failLater(int code, int count) {
        arm("{\"code\":" + code + ",\"count\":" + count + ",\"async\":true}");
    }

    /**
     * As {@link #failNext(int, int)}, for sends to this phone number only: other recipients' messages pass, so
     * a message left over from elsewhere cannot spend the failure.
     */
    public void failNext(String to, int code, int count) {
        arm(JSON.createObjectNode().put("code", code).put("count", count).put("to", to).toString());
    }

    /** As {@link #failLater(int, int)}, for sends to this phone number only. */
    public void failLater(String to, int code, int count) {
        arm(JSON.createObjectNode().put("code", code).put("count", count).put("async", true).put("to", to)
                .toString());
    }

    /** Disarms all pending failures. */
    public void clearFailures() {
        delete("sandbox/failures");
    }

    /**
     * Sends status webhooks, and the webhooks of {@link #reply}, {@link #tapButton} and {@link #markRead}, to
     * {@code url}, signed with {@code appSecret}; a {@code null} url turns them off.
     */
    public void statusWebhook(String url, String appSecret) {
        ObjectNode body = JSON.createObjectNode().put("url", url).put("appSecret", appSecret);
        expect(send(HttpRequest.newBuilder(base.resolve("sandbox/webhook"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()))), 200, "PUT /sandbox/webhook");
    }

    /**
     * The shopper at {@code fromPhone} sends the business the text {@code text}, delivered to the webhook at once.
     *
     * @return the HTTP status the business's webhook answered
     */
    public int reply(String fromPhone, String text) {
        return inbound(JSON.createObjectNode().put("from", fromPhone).put("text", text));
    }

    /**
     * The shopper at {@code fromPhone} taps the quick-reply button ({@code payload}, {@code text}) under the
     * business's message {@code repliedToMessageId}, delivered to the webhook at once.
     *
     * @return the HTTP status the business's webhook answered
     */
    public int tapButton(String fromPhone, String repliedToMessageId, String payload, String text) {
        ObjectNode body = JSON.createObjectNode().put("from", fromPhone).put("context", repliedToMessageId);
        body.putObject("button").put("payload", payload).put("text", text);
        return inbound(body);
    }

    /**
     * The shopper reads the accepted message {@code messageId}: a {@code read} status, delivered to the webhook
     * at once, and recorded as the message's status when the webhook answered 2xx. Call it once the message is
     * {@code delivered}: a status webhook still under way would otherwise arrive after it.
     *
     * @return the HTTP status the business's webhook answered
     */
    public int markRead(String messageId) {
        String path = "sandbox/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8) + "/read";
        return webhookStatus(send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody())), "POST /" + path);
    }

    /** Forgets every message and disarms all failures. */
    public void reset() {
        delete("sandbox/messages");
        clearFailures();
    }

    private List<SentMessage> readMessages(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)).GET());
        expect(response, 200, "GET /" + path);
        try {
            return JSON.readValue(response.body(), new TypeReference<List<SentMessage>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("GET /" + path + " did not answer a message list", e);
        }
    }

    private void delete(String path) {
        expect(send(HttpRequest.newBuilder(base.resolve(path)).DELETE()), 200, "DELETE /" + path);
    }

    private void arm(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("sandbox/failures"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        expect(response, 201, "POST /sandbox/failures");
    }

    private int inbound(ObjectNode body) {
        return webhookStatus(send(HttpRequest.newBuilder(base.resolve("sandbox/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))), "POST /sandbox/inbound");
    }

    private static int webhookStatus(HttpResponse<String> response, String call) {
        expect(response, 200, call);
        try {
            return JSON.readTree(response.body()).path("webhookStatus").asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(call + " did not answer JSON", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String call) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(call + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("WhatsApp sandbox at " + base + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the WhatsApp sandbox", e);
        }
    }
}
