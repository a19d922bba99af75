package dev.shipnotify.infra.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events to a real broker the way the suite's producers do (CloudEvents binary mode, key = order id), so a
 * test can play the service upstream of the one it tests; and writes any bytes, for records no well-behaved
 * producer would write.
 */
public final class EventPublisher implements AutoCloseable {
    private static final String SOURCE = "/local-infra-test";

    private final Properties settings;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json;

    public EventPublisher(String bootstrapServers, ObjectMapper json) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // One request at a time: a refused first batch is sent again before any later one, so a broker that takes a
        // later batch first (a partition becoming leader between two requests) cannot strand the first.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.settings = props;
        this.producer = new KafkaProducer<>(props);
        this.json = json;
    }

    /** Publishes a contract record on its topic under a new event id; returns that id. */
    public String publish(Record event) {
        String eventId = UUID.randomUUID().toString();
        publish(event, eventId);
        return eventId;
    }

    /** Publishes a contract record on its topic under this event id, keyed by its key field (the order id). */
    public void publish(Record event, String eventId) {
        await(send(event, eventId), EventType.of(event.getClass()).topic());
    }

    /**
     * Publishes contract records, each under a new event id, and only then waits for the broker's acks: seeding
     * thousands of records one ack at a time would take minutes.
     */
    public void publishAll(List<? extends Record> events) {
        List<Future<RecordMetadata>> acks = events.stream().map(event -> send(event, UUID.randomUUID().toString()))
                .toList();
        // On a busy broker thousands of acks take longer than one ack's wait: flush waits for them all, bounded by
        // the producer's delivery timeout, and then each ack is there or failed.
        producer.flush();
        for (int i = 0; i < acks.size(); i++) {
            await(acks.get(i), EventType.of(events.get(i).getClass()).topic());
        }
    }

    private Future<RecordMetadata> send(Record event, String eventId) {
        EventType type = EventType.of(event.getClass());
        String key = key(event, type);
        try {
            return sendRaw(type.topic(), key, json.writeValueAsBytes(event), cloudEventHeaders(type, eventId, key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CloudEvents binary-mode headers of an event of this type. */
    public static Map<String, String> cloudEventHeaders(EventType type, String eventId, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, eventId);
        headers.put(CloudEventHeaders.TYPE, type.ceType());
        headers.put(CloudEventHeaders.SOURCE, SOURCE);
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.SUBJECT, subject);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /** Any bytes with any headers, and waits for the broker's ack; returns where the record landed. */
    public RecordMetadata publishRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        return await(sendRaw(topic, key, value, headers), topic);
    }

    /** A record as {@link #publishTogether} writes it: any key, bytes and headers. */
    public record Raw(String key, byte[] value, Map<String, String> headers) {
    }

    /** A contract record as {@link #publishTogether} takes it: under this event id, keyed by its key field. */
    public Raw raw(Record event, String eventId) {
        EventType type = EventType.of(event.getClass());
        String key = key(event, type);
        try {
            return new Raw(key, json.writeValueAsBytes(event), cloudEventHeaders(type, eventId, key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes these records to one partition of the topic in one produce request, in this order, and waits for the
     * broker's acks: a consumer that is waiting polls them in one batch. Answers where each went, in order.
     */
    public List<RecordMetadata> publishTogether(String topic, int partition, List<Raw> records) {
        Properties lingering = new Properties();
        lingering.putAll(settings);
        // Nothing leaves before the flush, which then sends everything in one batch.
        lingering.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
        try (KafkaProducer<String, byte[]> together = new KafkaProducer<>(lingering)) {
            List<Future<RecordMetadata>> acks = records.stream().map(r -> {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, r.key(), r.value());
                r.headers().forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
                return together.send(record);
            }).toList();
            together.flush();
            return acks.stream().map(ack -> await(ack, topic)).toList();
        }
    }

    private Future<RecordMetadata> sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    private static RecordMetadata await(Future<RecordMetadata> ack, String topic) {
        try {
            return ack.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** The value of the event's key field: its order id, or the merchant id of a merchant key. */
    private static String key(Record event, EventType type) {
        try {
            return (String) event.getClass().getMethod(type.keyField()).invoke(event);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " has no " + type.keyField(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
