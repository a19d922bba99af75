package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.OrderPlaced;

/** Where the parcel goes, as precise as messages need. */
public record ShippingArea(String city, String postcode, String country) {

    static ShippingArea of(OrderPlaced.Shipping shipping) {
        return shipping == null ? null : new ShippingArea(shipping.city(), shipping.postcode(), shipping.country());
    }
}
