package dev.shipnotify.notification.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.ChannelSender;
import dev.shipnotify.notification.delivery.ChannelUnavailableException;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.RejectedException;
import dev.shipnotify.notification.delivery.SuppressedException;
import dev.shipnotify.notification.delivery.UndeliverableException;
import dev.shipnotify.notification.order.OrderProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a notification as an approved template message through the WhatsApp Cloud API
 * ({@code POST /{version}/{phone-number-id}/messages}), from the merchant's business number or the configured one.
 *
 * <p>The API's errors are handled by their documented code, never by the HTTP status (Meta answers throttling with
 * 400): rate limits (130429, 131056, and 4, 80007) and outages (131000, 131016, 2, any 5xx) are retried with the
 * dispatcher's backoff; 131026 (the number cannot get WhatsApp messages) ends the notification and falls back to
 * email; 190 (the token expired) stops the channel instead of burning every message's attempts; 100 and the other
 * malformed-request codes are our bug, so the message is dead-lettered with the reason.
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    static final int TOKEN_EXPIRED = 190;
    static final int UNDELIVERABLE = 131026;
    /** Invalid parameter, missing or invalid parameter values, template or parameter count mismatches. */
    static final Set<Integer> MALFORMED = Set.of(100, 131008, 131009, 132000, 132001, 132012, 132015, 132016);

    private final ObjectMapper json;
    private final WhatsAppOptOuts optOuts;
    private final WhatsAppChannel channel;
    private final NotificationConfig.WhatsApp config;
    private final HttpClient http;

    public WhatsAppSender(ObjectMapper json, WhatsAppOptOuts optOuts, WhatsAppChannel channel,
            NotificationConfig config) {
        this.json = json;
        this.optOuts = optOuts;
        this.channel = channel;
        this.config = config.whatsapp();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean available() {
        return channel.configured() && channel.stopped().isEmpty();
    }

    @Override
    public Preparer prepare(List<Notification> batch) {
        Set<String> optedOut = optOuts.optedOut(batch.stream().map(notification -> notification.recipient).toList());
        return (notification, order) -> prepare(notification, order, optedOut.contains(notification.recipient));
    }

    private Send prepare(Notification notification, OrderProjection order, boolean optedOut) {
        if (optedOut) {
            throw new SuppressedException("the shopper replied STOP on WhatsApp");
        }
        WhatsAppTemplate template = WhatsAppTemplate.of(notification, order);
        String phoneNumberId = Optional.ofNullable(order.merchant.whatsappPhoneNumberId())
                .filter(id -> id.matches("[0-9]{1,20}")).orElse(config.phoneNumberId());
        Object request = template.request(notification.recipient, notification.id.toString());
        return () -> {
            // Another send may have stopped the channel since the claim: no call that would fail again.
            Optional<WhatsAppChannel.Stop> stop = channel.stopped();
            if (stop.isPresent()) {
                throw new ChannelUnavailableException(stop.get().reason());
            }
            HttpResponse<String> response = post(phoneNumberId, request);
            JsonNode body = read(response);
            if (response.statusCode() / 100 == 2) {
                String wamid = body.path("messages").path(0).path("id").asText(null);
                if (wamid == null) {
                    throw new IllegalStateException("the Cloud API answered " + response.statusCode()
                            + " without a message id");
                }
                return new SentMessage(template.name() + " (" + template.language() + ")", wamid);
            }
            throw failure(response.statusCode(), body.path("error"));
        };
    }

    private RuntimeException failure(int status, JsonNode error) {
        int code = error.path("code").asInt(-1);
        String details = error.path("error_data").path("details").asText(null);
        String why = "Cloud API error " + code + " (HTTP " + status + "): " + error.path("message").asText("")
                + (details == null ? "" : " - " + details);
        if (code == TOKEN_EXPIRED) {
            channel.stop(why);
            return new ChannelUnavailableException(why);
        }
        if (code == UNDELIVERABLE) {
            return new UndeliverableException(why);
        }
        if (MALFORMED.contains(code)) {
            return new RejectedException(why);
        }
        return new IllegalStateException(why);
    }

    private HttpResponse<String> post(String phoneNumberId, Object request) {
        try {
            URI uri = URI.create(config.apiUrl().replaceAll("/+$", "") + "/" + config.apiVersion() + "/"
                    + phoneNumberId + "/messages");
            return http.send(HttpRequest.newBuilder(uri)
                            .timeout(config.timeout())
                            .header("Authorization", "Bearer " + config.accessToken().orElseThrow())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the Cloud API did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the Cloud API", e);
        }
    }

    private JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the Cloud API answered " + response.statusCode() + " with no JSON body");
        }
    }
}
