package dev.shipnotify.notification.delivery;

import java.util.Locale;

/** A moment in an order's life that a shopper hears about. */
public enum Milestone {
    ORDER_CONFIRMED(Priority.DELIVERY_NEWS),
    /** The merchant cancelled the order; nothing is sent about it afterwards. */
    ORDER_CANCELLED(Priority.DELIVERY_NEWS),
    /** The first in-transit scan; later in-transit scans notify nobody. */
    SHIPPED(Priority.DELIVERY_NEWS),
    OUT_FOR_DELIVERY(Priority.DELIVERY_NEWS),
    FAILED_ATTEMPT(Priority.DELIVERY_NEWS),
    /** An exception or a delay, with its reason. */
    EXCEPTION(Priority.DELIVERY_NEWS),
    DELIVERED(Priority.DELIVERY_NEWS),
    /** The review-service asks for a review, once, and at most once more as a reminder. */
    REVIEW_REQUEST(Priority.REVIEW_REQUEST),
    REVIEW_REMINDER(Priority.REVIEW_REQUEST),
    /** Thanks for a review, once per order, with the merchant's discount code if it offers one. */
    THANK_YOU(Priority.THANK_YOU);

    /**
     * What gives way when a shopper has had many messages: delivery news always goes (it counts towards the cap),
     * review requests only below the cap, and thank-yous give way first.
     */
    public enum Priority {
        DELIVERY_NEWS,
        REVIEW_REQUEST,
        THANK_YOU
    }

    private final Priority priority;

    Milestone(Priority priority) {
        this.priority = priority;
    }

    public Priority priority() {
        return priority;
    }

    /** Kebab-case name, as used in template paths: {@code order-confirmed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
