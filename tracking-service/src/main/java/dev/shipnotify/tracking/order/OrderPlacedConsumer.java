package dev.shipnotify.tracking.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link OrderSnapshots} from {@code order-placed}, a batch in one bulk write. */
@ApplicationScoped
public class OrderPlacedConsumer {
    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final OrderSnapshots orders;

    public OrderPlacedConsumer(EventConsumer consumer, ObjectMapper json, OrderSnapshots orders) {
        this.consumer = consumer;
        this.json = json;
        this.orders = orders;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    public void orderPlaced(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.ORDER_PLACED,
                events -> orders.placed(events.stream().map(event -> event.read(json, OrderPlaced.class)).toList()));
    }
}
