package dev.shipnotify.contracts;

import java.util.List;

/**
 * Kafka topic names. Every topic has the same partition count and the order id as record key, except
 * {@link #MERCHANT_KEYS}, which is about merchants, not orders.
 */
public final class Topics {
    /** Merchant API keys as they are issued and revoked; keyed by merchant id, the one topic with no order. */
    public static final String MERCHANT_KEYS = "merchant-keys";
    public static final String ORDER_PLACED = "order-placed";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String SHIPMENT_UPDATED = "shipment-updated";
    public static final String DELIVERED = "delivered";
    public static final String REVIEW_REQUESTED = "review-requested";
    /** A shopper's first rating of an order, to be thanked for (with the merchant's discount code, if any). */
    public static final String REVIEW_THANKED = "review-thanked";
    /** Shoppers' answers to messages (quick replies, STOP), from notification-service. */
    public static final String SHOPPER_REPLIED = "shopper-replied";

    /** The suite's topics, in the order events flow through it. */
    public static final List<String> ALL = List.of(MERCHANT_KEYS, ORDER_PLACED, ORDER_CANCELLED, SHIPMENT_UPDATED, DELIVERED, REVIEW_REQUESTED,
            SHOPPER_REPLIED, REVIEW_THANKED);

    /** Partitions per topic unless the deployment says otherwise. */
    public static final int DEFAULT_PARTITIONS = 6;

    private Topics() {
    }

    /** The dead-letter topic of one consumer group for one topic: {@code <topic>.<group>.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}
