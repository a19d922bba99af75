package dev.shipnotify.contracts;

import java.util.List;

/** Kafka topic names. Every topic has the same partition count and the order id as record key. */
public final class Topics {
    public static final String ORDER_PLACED = "order-placed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String SHIPMENT_UPDATED = "shipment-updated";
    public static final String DELIVERED = "delivered";
    public static final String REVIEW_REQUESTED = "review-requested";

    /** The business topics, in the order events flow through the suite. */
    public static final List<String> ALL = List.of(ORDER_PLACED, ORDER_CANCELLED, SHIPMENT_UPDATED, DELIVERED, REVIEW_REQUESTED);

    /** Partitions per topic unless the deployment says otherwise. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    /** The dead-letter topic of one consumer group for one topic: {@code <topic>.<group>.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}
