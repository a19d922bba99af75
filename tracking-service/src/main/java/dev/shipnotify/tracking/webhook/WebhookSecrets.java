package dev.shipnotify.tracking.webhook;

import dev.shipnotify.tracking.TrackingConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Each source's secrets ({@code tracking.webhook.<source>.secrets}) as the key bytes its adapter signs with. */
@ApplicationScoped
public class WebhookSecrets {
    private final TrackingConfig.Webhook config;

    public WebhookSecrets(TrackingConfig config) {
        this.config = config.webhook();
    }

    /** The adapter's secrets as key bytes, newest first; empty (every request refused) when none are configured. */
    List<byte[]> keys(CourierAdapter adapter) {
        List<String> secrets = config.sources().containsKey(adapter.source())
                ? config.sources().get(adapter.source()).secrets().orElse(List.of()) : List.of();
        if (secrets.isEmpty()) {
            Log.warnf("No tracking.webhook.%s.secrets: every %s webhook is refused", adapter.source(),
                    adapter.source());
        }
        return secrets.stream().map(String::strip).filter(s -> !s.isEmpty()).map(adapter::secretKey).toList();
    }
}
