package dev.shipnotify.notification.shipment;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code shipment-updated} and {@code delivered}, a polled batch at a time, in one transaction per batch
 * with its event ids ({@link EventConsumer}); a poison record goes to the topic's dead-letter topic alone.
 */
@ApplicationScoped
public class ShipmentEventsConsumer {

    private final EventConsumer consumer;
    private final ShipmentNotifications notifications;

    public ShipmentEventsConsumer(EventConsumer consumer, ShipmentNotifications notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @Incoming(Topics.SHIPMENT_UPDATED)
    @Blocking
    public void updated(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_UPDATED, consumer.eachEvent(notifications::apply));
    }

    @Incoming(Topics.DELIVERED)
    @Blocking
    public void delivered(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.SHIPMENT_DELIVERED, consumer.eachEvent(notifications::apply));
    }
}
