package dev.shipnotify.notification.channel.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the WhatsApp channel is stopped (its access token expired): an operator must act. */
@Readiness
@ApplicationScoped
public class WhatsAppHealthCheck implements HealthCheck {

    static final String NAME = "WhatsApp Cloud API";

    private final WhatsAppChannel channel;

    public WhatsAppHealthCheck(WhatsAppChannel channel) {
        this.channel = channel;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).withData("configured", channel.configured());
        return channel.stopped()
                .map(stop -> response.down().withData("stopped", stop.reason()).withData("since", stop.since().toString()))
                .orElseGet(response::up)
                .build();
    }
}
