package dev.shipnotify.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Each event of the suite: its {@code ce_type}, the topic it travels on, the record that is its body,
 * and the JSON Schema and golden sample kept in this module's resources.
 */
public enum EventType {
    MERCHANT_KEY_CHANGED("dev.shipnotify.merchant.key-changed", Topics.MERCHANT_KEYS, MerchantKeyChanged.class,
            "merchantId"),
    ORDER_PLACED("dev.shipnotify.order.placed", Topics.ORDER_PLACED, OrderPlaced.class, "orderId"),
    ORDER_CANCELLED("dev.shipnotify.order.cancelled", Topics.ORDER_CANCELLED, OrderCancelled.class, "orderId"),
    SHIPMENT_UPDATED("dev.shipnotify.shipment.updated", Topics.SHIPMENT_UPDATED, ShipmentUpdated.class, "orderId"),
    SHIPMENT_DELIVERED("dev.shipnotify.shipment.delivered", Topics.DELIVERED, ShipmentDelivered.class, "orderId"),
    REVIEW_REQUESTED("dev.shipnotify.review.requested", Topics.REVIEW_REQUESTED, ReviewRequested.class, "orderId"),
    SHOPPER_REPLIED("dev.shipnotify.notification.shopper-replied", Topics.SHOPPER_REPLIED, ShopperReplied.class,
            "orderId"),
    REVIEW_THANKED("dev.shipnotify.review.thanked", Topics.REVIEW_THANKED, ReviewThanked.class, "orderId");

    private final String ceType;
    private final String topic;
    private final Class<? extends Record> recordType;
    private final String keyField;

    EventType(String ceType, String topic, Class<? extends Record> recordType, String keyField) {
        this.ceType = ceType;
        this.topic = topic;
        this.recordType = recordType;
        this.keyField = keyField;
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

    /** The body field whose value is the record key and {@code ce_subject}: the order id, except for merchant keys. */
    public String keyField() {
        return keyField;
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
