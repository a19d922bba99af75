package dev.shipnotify.review.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code delivered} schedules the orders' review requests, a batch in one bulk write. */
@ApplicationScoped
public class DeliveredConsumer {
    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final ReviewRequests requests;

    public DeliveredConsumer(EventConsumer consumer, ObjectMapper json, ReviewRequests requests) {
        this.consumer = consumer;
        this.json = json;
        this.requests = requests;
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    public void delivered(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_DELIVERED, events -> requests.delivered(
                events.stream().map(event -> event.read(json, ShipmentDelivered.class)).toList()));
    }
}
