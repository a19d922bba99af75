package dev.shipnotify.review.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code delivered} schedules the order's review request. */
@ApplicationScoped
public class DeliveredConsumer {
    private final ObjectMapper json;
    private final ReviewRequests requests;

    public DeliveredConsumer(ObjectMapper json, ReviewRequests requests) {
        this.json = json;
        this.requests = requests;
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void delivered(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.SHIPMENT_DELIVERED,
                event -> requests.delivered(event.read(json, ShipmentDelivered.class)));
    }
}
