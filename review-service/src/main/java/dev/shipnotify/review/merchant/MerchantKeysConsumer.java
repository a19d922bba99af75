package dev.shipnotify.review.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link MerchantKeyProjection} up to date from {@code merchant-keys}. */
@ApplicationScoped
public class MerchantKeysConsumer {
    private final EventConsumer consumer;
    private final ObjectMapper json;
    private final MerchantKeyProjection keys;

    public MerchantKeysConsumer(EventConsumer consumer, ObjectMapper json, MerchantKeyProjection keys) {
        this.consumer = consumer;
        this.json = json;
        this.keys = keys;
    }

    @Incoming(Topics.MERCHANT_KEYS)
    @Blocking
    public void keyChanged(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.MERCHANT_KEY_CHANGED,
                consumer.eachEvent(event -> keys.apply(event.read(json, MerchantKeyChanged.class))));
    }
}
