package dev.shipnotify.contracts;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/** CloudEvents 1.0 Kafka binary-mode header names, as every producer writes them and every consumer reads them. */
public final class CloudEventHeaders {
    /** The event id; consumers de-duplicate on it. */
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** The order id the event is about. */
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /**
     * The W3C trace context of the request that caused the event, as OpenTelemetry's Kafka instrumentation reads it:
     * a consumer's span joins the producer's trace.
     */
    public static final String TRACE_PARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * A record of an event in binary mode, as every producer of the suite writes it: the key (the order id) is
     * also the {@code ce_subject}, the body is JSON.
     *
     * @param time when the event happened, ISO-8601
     */
    public static <V> ProducerRecord<String, V> record(String topic, String key, V body, String id, String ceType,
            String source, String time) {
        ProducerRecord<String, V> record = new ProducerRecord<>(topic, key, body);
        header(record, ID, id);
        header(record, TYPE, ceType);
        header(record, SOURCE, source);
        header(record, TIME, time);
        header(record, SPEC_VERSION, SPEC_VERSION_VALUE);
        header(record, SUBJECT, key);
        header(record, CONTENT_TYPE, JSON);
        return record;
    }

    /** Adds the {@link #TRACE_PARENT} header, if there is a trace context to carry; answers the record. */
    public static <V> ProducerRecord<String, V> traced(ProducerRecord<String, V> record, String traceParent) {
        if (traceParent != null && !traceParent.isBlank()) {
            header(record, TRACE_PARENT, traceParent);
        }
        return record;
    }

    private static void header(ProducerRecord<?, ?> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
