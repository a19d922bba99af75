package dev.shipnotify.review.orders;

import java.util.List;

/**
 * What this service keeps of an order: enough to ask about its items in the shopper's language, and to know
 * whether asking still makes sense. {@code shopper} is a hash of the email address, never the address.
 */
public record Order(String orderId, String merchantId, String locale, String merchantLocale, String shopper,
        boolean mayContact, List<Item> items, boolean cancelled, boolean returned) {

    public record Item(String sku, String name, String imageUrl) {
    }

    /** The ordered item with this SKU, if the order has one. */
    public java.util.Optional<Item> item(String sku) {
        return items.stream().filter(item -> item.sku().equals(sku)).findFirst();
    }

    /** Placed (not only cancelled or returned before its order-placed arrived). */
    public boolean known() {
        return merchantId != null;
    }
}
