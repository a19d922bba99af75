package dev.shipnotify.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import io.quarkus.arc.Arc;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** The suite's topics on the real broker of the test resource: what order-service published, and events to feed it. */
public final class OrderEvents {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private OrderEvents() {
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static TopicReader reader() {
        return new TopicReader(bootstrapServers());
    }

    /** A publisher playing tracking-service (or any other producer); close it after use. */
    public static EventPublisher publisher() {
        return new EventPublisher(bootstrapServers(), Arc.container().instance(ObjectMapper.class).get());
    }

    /** Waits for the {@code order-placed} record of this order, and fails unless it arrives within the bound. */
    public static TopicReader.Record awaitOrder(String orderId) {
        return awaitRecord(Topics.ORDER_PLACED, orderId);
    }

    /** Waits for a record with this key on the topic, and fails unless it arrives within the bound. */
    public static TopicReader.Record awaitRecord(String topic, String key) {
        return reader().awaitRecord(topic, r -> key.equals(r.key()), WAIT);
    }

    /** Every {@code order-placed} record on the topic right now whose body names this merchant. */
    public static List<TopicReader.Record> recordsOf(String merchantId) {
        return reader().readAll(Topics.ORDER_PLACED).stream()
                .filter(r -> r.value() != null && r.value().contains("\"merchantId\":\"" + merchantId + "\""))
                .toList();
    }

    /** Every {@code order-placed} record on the topic right now with this key. */
    public static List<TopicReader.Record> recordsWithKey(String key) {
        return recordsWithKey(Topics.ORDER_PLACED, key);
    }

    /** Every record on the topic right now with this key. */
    public static List<TopicReader.Record> recordsWithKey(String topic, String key) {
        return reader().readAll(topic).stream().filter(r -> key.equals(r.key())).toList();
    }
}
