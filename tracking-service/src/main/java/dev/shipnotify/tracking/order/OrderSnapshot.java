package dev.shipnotify.tracking.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import java.time.Instant;
import java.util.List;

/**
 * What tracking-service keeps of an order from {@code order-placed}: whose it is, the merchant's branding, the
 * items and where the parcel goes, for the tracking page and for checking who may register its shipments. The
 * shopper's name, email and phone are not kept: nothing here needs them; their language and time zone are, to
 * show the page in them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderSnapshot(String orderId, String merchantId, Instant placedAt, OrderPlaced.Merchant merchant,
        String locale, String timeZone, List<OrderPlaced.Item> items, Money total, OrderPlaced.Shipping shipping) {

    static OrderSnapshot of(OrderPlaced order) {
        return new OrderSnapshot(order.orderId(), order.merchantId(), order.placedAt(), order.merchant(),
                order.customer().locale(), order.customer().timeZone(), order.items(), order.total(),
                order.shipping());
    }
}
