package dev.shipnotify.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Each event of the suite: its {@code ce_type}, the topic it travels on, the record that is its body,
 * and the JSON Schema and golden sample kept in this module's resources.
 */
public enum EventType {
    ORDER_PLACED("dev.shipnotify.order.placed", Topics.ORDER_PLACED, OrderPlaced.class),
    ORDER_CANCELLED("dev.shipnotify.order.cancelled", Topics.ORDER_CANCELLED, OrderCancelled.class),
    SHIPMENT_UPDATED("dev.shipnotify.shipment.updated", Topics.SHIPMENT_UPDATED, ShipmentUpdated.class),
    SHIPMENT_DELIVERED("dev.shipnotify.shipment.delivered", Topics.DELIVERED, ShipmentDelivered.class),
    REVIEW_REQUESTED("dev.shipnotify.review.requested", Topics.REVIEW_REQUESTED, ReviewRequested.class);

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> recordType;

    EventType(String ceType, String topic, Class<? extends Record> recordType) {
        this.ceType = ceType;
        this.topic = topic;
        this.recordType = recordType;
    }

    /** The {@code ce_type} header value. */
    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Record> recordType() {
        return recordType;
    }

    /** Classpath resource of the JSON Schema (draft 2020-12) of the body. */
    public String schemaResource() {
        return "/schemas/" + topic + ".schema.json";
    }

    /** Classpath resource of a golden sample body that the schema accepts. */
    public String sampleResource() {
        return "/samples/" + topic + ".json";
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }

    public static EventType of(Class<? extends Record> recordType) {
        return Arrays.stream(values()).filter(t -> t.recordType == recordType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + recordType.getName()));
    }
}
