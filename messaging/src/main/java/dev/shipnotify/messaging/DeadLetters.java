package dev.shipnotify.messaging;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's dead-letter topics, {@code <topic>.<service>.dlq} (the consumer group is the service's name). A
 * dead letter is the record byte for byte, with its own headers and the ones SmallRye's dead-letter strategy writes
 * and ops-console reads: {@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition},
 * {@code -offset}.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String CAUSE = "dead-letter-cause";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private final String group;
    private final Publisher publisher;

    public DeadLetters(@ConfigProperty(name = "quarkus.application.name") String group, Publisher publisher) {
        this.group = group;
        this.publisher = publisher;
    }

    /** The dead-letter topic of {@code topic} for this service's consumer group. */
    public String topicOf(String topic) {
        return Topics.deadLetter(topic, group);
    }

    /** Writes them and returns once the broker took every one. */
    public void send(List<ProducerRecord<String, byte[]>> letters) {
        publisher.send(letters);
    }

    /** A consumed record as a dead letter: its key, body and headers, and why. */
    public ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topicOf(record.topic()), record.key(),
                record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                letter.headers().add(header);
            }
        }
        return withOrigin(letter, reason, cause, record.topic(), record.partition(), record.offset());
    }

    /** An event kept elsewhere (parked, say) as a dead letter of the topic it was consumed from. */
    public ProducerRecord<String, byte[]> of(EventEnvelope event, String reason) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topicOf(event.topic()), event.key(), event.body());
        Publisher.header(letter, CloudEventHeaders.ID, event.id());
        Publisher.header(letter, CloudEventHeaders.TYPE, event.type().ceType());
        return withOrigin(letter, reason, null, event.topic(), event.partition(), event.offset());
    }

    private static ProducerRecord<String, byte[]> withOrigin(ProducerRecord<String, byte[]> letter, String reason,
            Throwable cause, String topic, int partition, long offset) {
        Publisher.header(letter, REASON, reason == null ? "unknown" : reason);
        if (cause != null) {
            Publisher.header(letter, CAUSE, cause.getClass().getName());
        }
        Publisher.header(letter, TOPIC, topic);
        Publisher.header(letter, PARTITION, Integer.toString(partition));
        Publisher.header(letter, OFFSET, Long.toString(offset));
        return letter;
    }
}
