package dev.shipnotify.notification.delivery;

import java.util.Locale;

/** A moment in an order's life that a shopper hears about. */
public enum Milestone {
    ORDER_CONFIRMED,
    /** The merchant cancelled the order; nothing is sent about it afterwards. */
    ORDER_CANCELLED,
    /** The first in-transit scan; later in-transit scans notify nobody. */
    SHIPPED,
    OUT_FOR_DELIVERY,
    FAILED_ATTEMPT,
    /** An exception or a delay, with its reason. */
    EXCEPTION,
    DELIVERED,
    /** The review-service asks for a review, once, and at most once more as a reminder. */
    REVIEW_REQUEST,
    REVIEW_REMINDER;

    /** Kebab-case name, as used in template paths: {@code order-confirmed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
