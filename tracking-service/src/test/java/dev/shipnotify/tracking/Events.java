package dev.shipnotify.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
import io.quarkus.arc.Arc;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** The real broker of the test resource: events to feed tracking-service, and what it published. */
public final class Events {
    private static EventPublisher publisher;

    private Events() {
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static synchronized void publish(Record event) {
        if (publisher == null) {
            publisher = new EventPublisher(bootstrapServers(), Arc.container().instance(ObjectMapper.class).get());
        }
        publisher.publish(event);
    }

    public static TopicReader.Record await(String topic, Predicate<TopicReader.Record> filter) {
        return new TopicReader(bootstrapServers()).awaitRecord(topic, filter, Duration.ofSeconds(15));
    }

    public static List<TopicReader.Record> await(String topic, Predicate<TopicReader.Record> filter, int count) {
        return new TopicReader(bootstrapServers()).awaitRecords(topic, filter, count, Duration.ofSeconds(30));
    }

    public static List<TopicReader.Record> all(String topic, Predicate<TopicReader.Record> filter) {
        return new TopicReader(bootstrapServers()).readAll(topic).stream().filter(filter).toList();
    }
}
