package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code order-cancelled}, a batch at a time ({@link EventConsumer}). */
@ApplicationScoped
public class OrderCancelledConsumer {

    private final EventConsumer consumer;
    private final OrderCancellations cancellations;

    public OrderCancelledConsumer(EventConsumer consumer, OrderCancellations cancellations) {
        this.consumer = consumer;
        this.cancellations = cancellations;
    }

    @Incoming(Topics.ORDER_CANCELLED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.ORDER_CANCELLED, consumer.eachEvent(cancellations::apply));
    }
}
