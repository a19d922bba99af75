package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.notification.NotificationConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the WhatsApp channel works. It stops when the Cloud API says the access token expired (error 190):
 * every further call would fail the same way and burn messages' attempts, so none is made until the service
 * restarts with a new token ({@code notification.whatsapp.access-token}). Messages wait in the log meanwhile.
 */
@ApplicationScoped
public class WhatsAppChannel {

    /** Why and since when the channel stopped. */
    public record Stop(String reason, Instant since) {
    }

    private final AtomicReference<Stop> stopped = new AtomicReference<>();
    private final boolean configured;

    public WhatsAppChannel(NotificationConfig config, MeterRegistry metrics) {
        this.configured = config.whatsapp().accessToken().isPresent();
        Gauge.builder("notification.whatsapp.channel.stopped", stopped, stop -> stop.get() == null ? 0 : 1)
                .description("1 while the WhatsApp channel is stopped (the access token expired), else 0")
                .register(metrics);
    }

    /** Whether an access token is configured; without one the channel is off and nothing is queued for it. */
    public boolean configured() {
        return configured;
    }

    void stop(String reason) {
        stopped.compareAndSet(null, new Stop(reason, Instant.now()));
    }

    public Optional<Stop> stopped() {
        return Optional.ofNullable(stopped.get());
    }
}
