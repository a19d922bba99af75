package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code order-placed}, a polled batch at a time: {@link EventConsumer} applies the batch's new events in
 * one transaction with their ids, and the batch is acknowledged after that committed. A poison record (no
 * {@code ce_id}, not JSON, a required field missing) goes to {@code order-placed.notification-service.dlq} alone,
 * with the reason; the rest of its batch is applied.
 */
@ApplicationScoped
public class OrderPlacedConsumer {

    private final EventConsumer consumer;
    private final OrderPlacedHandler handler;

    public OrderPlacedConsumer(EventConsumer consumer, OrderPlacedHandler handler) {
        this.consumer = consumer;
        this.handler = handler;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.ORDER_PLACED, handler::apply);
    }
}
