package dev.shipnotify.order;

import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@code order-placed} on the real broker of the test resource. */
public final class OrderPlacedTopic {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private OrderPlacedTopic() {
    }

    private static TopicReader reader() {
        return new TopicReader(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** Waits for the record of this order, and fails unless it arrives within the bound. */
    public static TopicReader.Record awaitOrder(String orderId) {
        return reader().awaitRecord(Topics.ORDER_PLACED, r -> orderId.equals(r.key()), WAIT);
    }

    /** Every record on the topic right now whose body names this merchant. */
    public static List<TopicReader.Record> recordsOf(String merchantId) {
        return reader().readAll(Topics.ORDER_PLACED).stream()
                .filter(r -> r.value() != null && r.value().contains("\"merchantId\":\"" + merchantId + "\""))
                .toList();
    }

    /** Every record on the topic right now with this key. */
    public static List<TopicReader.Record> recordsWithKey(String key) {
        return reader().readAll(Topics.ORDER_PLACED).stream().filter(r -> key.equals(r.key())).toList();
    }
}
