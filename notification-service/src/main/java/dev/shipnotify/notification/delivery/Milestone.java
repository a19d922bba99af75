package dev.shipnotify.notification.delivery;

import java.util.Locale;

/** A moment in an order's life that a shopper hears about. */
public enum Milestone {
    ORDER_CONFIRMED;

    /** Kebab-case name, as used in template paths: {@code order-confirmed}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
