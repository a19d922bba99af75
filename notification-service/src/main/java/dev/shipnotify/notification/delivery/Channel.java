package dev.shipnotify.notification.delivery;

/** A way of reaching a shopper. */
public enum Channel {
    EMAIL,
    WHATSAPP;

    /** Lower-case name, as used in template paths and metric tags: {@code email}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
