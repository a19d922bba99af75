package dev.shipnotify.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A CloudEvents record as it came off the broker (binary mode: attributes in {@code ce_*} headers, JSON
 * body), with where it came from. {@code id} is the event id this service de-duplicates on.
 */
public record EventEnvelope(String id, EventType type, String source, String subject, String key, String topic,
        int partition, long offset, byte[] body, String traceParent) {

    /** Header SmallRye Kafka sets when the value deserializer failed and the record came through with no value. */
    static final String DESERIALIZATION_FAILURE_REASON = "deserialization-failure-reason";

    /**
     * Reads the envelope of a record expected to carry {@code expected}.
     *
     * @throws PoisonEventException when the record has no {@code ce_id}, the wrong {@code ce_type} or no body
     */
    public static EventEnvelope of(ConsumerRecord<String, byte[]> record, EventType expected) {
        Headers headers = record.headers();
        String id = header(headers, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            throw new PoisonEventException("missing " + CloudEventHeaders.ID + " header");
        }
        String type = header(headers, CloudEventHeaders.TYPE);
        if (type != null && !type.equals(expected.ceType())) {
            throw new PoisonEventException("unexpected " + CloudEventHeaders.TYPE + " '" + type + "' on topic "
                    + record.topic() + ", expected '" + expected.ceType() + "'");
        }
        if (record.value() == null || record.value().length == 0) {
            String failure = header(headers, DESERIALIZATION_FAILURE_REASON);
            throw new PoisonEventException(failure != null ? "unreadable record: " + failure : "empty body");
        }
        return new EventEnvelope(id, expected, header(headers, CloudEventHeaders.SOURCE),
                header(headers, CloudEventHeaders.SUBJECT), record.key(), record.topic(), record.partition(),
                record.offset(), record.value(), header(headers, CloudEventHeaders.TRACE_PARENT));
    }

    /**
     * The body as its contract record. Everything that makes a body unreadable (not JSON, a required field
     * missing, a wrong type) is a {@link PoisonEventException} naming this event: retrying cannot fix it, and the
     * batch it came in is applied without it.
     */
    public <T extends Record> T read(ObjectMapper mapper, Class<T> recordType) {
        try {
            T value = mapper.readValue(body, recordType);
            if (value == null) {
                throw new PoisonEventException(this, "invalid " + topic + " body: JSON null");
            }
            return value;
        } catch (JsonProcessingException e) {
            // The original message names the problem without echoing the body, which carries personal data.
            throw new PoisonEventException(this, "invalid " + topic + " body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PoisonEventException(this, "unreadable " + topic + " body: " + e.getMessage());
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where the record sits on the broker, for log lines: {@code order-placed-3@42}. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
