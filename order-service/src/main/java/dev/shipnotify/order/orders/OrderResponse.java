package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.ShipmentStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as {@code POST /api/orders}, {@code GET /api/orders/{id}} and the order list answer it. */
@Schema(name = "Order")
public record OrderResponse(UUID id,
        @Schema(description = "PLACED, then SHIPPED, OUT_FOR_DELIVERY, DELIVERED or RETURNED as the shipments "
                + "report it; CANCELLED once the merchant cancelled it", example = "SHIPPED") OrderStatus status,
        UUID merchantId, CustomerDetails customer, List<ItemDetails> items, Price total,
        AddressDetails shippingAddress, Instant createdAt,
        @Schema(description = "The status of the shipment that changed last; null before any shipment was "
                + "reported", example = "IN_TRANSIT") ShipmentStatus latestShipmentStatus,
        List<Shipment> shipments,
        @Schema(description = "When the merchant cancelled the order; null unless CANCELLED") Instant cancelledAt,
        @Schema(description = "The reason the merchant gave; null if none") String cancellationReason) {

    /** A shipment of the order as tracking-service last reported it. */
    @Schema(name = "OrderShipment")
    public record Shipment(String shipmentId, String carrier, String trackingNumber, ShipmentStatus status,
            @Schema(description = "The courier's time of the checkpoint behind the status") Instant statusAt,
            String trackingUrl) {
    }

    static OrderResponse of(Order order) {
        Customer c = order.customer;
        CustomerDetails customer = new CustomerDetails(c.name, c.email, c.phone, c.locale, c.timeZone,
                new CustomerDetails.Consent(c.consentEmail, c.consentWhatsapp));
        List<ItemDetails> items = order.items.stream()
                .map(i -> new ItemDetails(i.sku, i.name, i.quantity, Price.of(i.unitAmount, i.currency), i.imageUrl))
                .toList();
        List<Shipment> shipments = order.shipments.stream()
                .map(s -> new Shipment(s.shipmentId, s.carrier, s.trackingNumber, s.status, s.statusAt, s.trackingUrl))
                .toList();
        ShippingAddress a = order.shippingAddress;
        return new OrderResponse(order.id, order.status, order.merchantId, customer, items,
                Price.of(order.totalAmount, order.currency),
                new AddressDetails(a.line1, a.line2, a.city, a.postcode, a.country), order.createdAt,
                order.latestShipment().map(s -> s.status).orElse(null), shipments, order.cancelledAt,
                order.cancelReason);
    }
}
