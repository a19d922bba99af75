package dev.shipnotify.notification.shipment;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import dev.shipnotify.notification.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code shipment-updated} and {@code delivered}. As for {@code order-placed}: a record is acknowledged
 * once its transaction committed; a poison record goes to the channel's dead-letter topic at once, anything else
 * after a few retries with backoff.
 */
@ApplicationScoped
public class ShipmentEventsConsumer {

    private final ProcessedEvents processedEvents;
    private final ShipmentNotifications notifications;

    public ShipmentEventsConsumer(ProcessedEvents processedEvents, ShipmentNotifications notifications) {
        this.processedEvents = processedEvents;
        this.notifications = notifications;
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void updated(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_UPDATED,
                event -> processedEvents.once(event, notifications::apply));
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void delivered(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_DELIVERED,
                event -> processedEvents.once(event, notifications::apply));
    }
}
