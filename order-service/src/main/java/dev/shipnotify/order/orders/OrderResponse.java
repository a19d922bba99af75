package dev.shipnotify.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as {@code POST /api/orders} and {@code GET /api/orders/{id}} answer it. */
@Schema(name = "Order")
public record OrderResponse(UUID id, @Schema(example = "PLACED") OrderStatus status, UUID merchantId,
        CustomerDetails customer, List<ItemDetails> items, Price total, AddressDetails shippingAddress,
        Instant createdAt) {

    static OrderResponse of(Order order) {
        Customer c = order.customer;
        CustomerDetails customer = new CustomerDetails(c.name, c.email, c.phone, c.locale, c.timeZone,
                new CustomerDetails.Consent(c.consentEmail, c.consentWhatsapp));
        List<ItemDetails> items = order.items.stream()
                .map(i -> new ItemDetails(i.sku, i.name, i.quantity, Price.of(i.unitAmount, i.currency), i.imageUrl))
                .toList();
        ShippingAddress a = order.shippingAddress;
        return new OrderResponse(order.id, order.status, order.merchantId, customer, items,
                Price.of(order.totalAmount, order.currency),
                new AddressDetails(a.line1, a.line2, a.city, a.postcode, a.country), order.createdAt);
    }
}
