package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.order.merchants.Merchant;

/** Builds the {@link OrderPlaced} event body: everything downstream needs, so nobody has to call back. */
final class OrderPlacedEvents {
    private OrderPlacedEvents() {
    }

    static OrderPlaced of(Order order, Merchant merchant) {
        Customer c = order.customer;
        ShippingAddress a = order.shippingAddress;
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, order.id.toString(), order.merchantId.toString(),
                order.createdAt,
                new OrderPlaced.Merchant(merchant.name, merchant.senderName, merchant.senderEmail, merchant.supportEmail,
                        merchant.supportPhone, merchant.logoUrl, merchant.brandColor, merchant.defaultLocale,
                        merchant.whatsappPhoneNumberId),
                new OrderPlaced.Customer(c.name, c.email, c.phone, c.locale, c.timeZone,
                        new OrderPlaced.Consent(c.consentEmail, c.consentWhatsapp)),
                order.items.stream()
                        .map(i -> new OrderPlaced.Item(i.sku, i.name, i.quantity, money(Price.of(i.unitAmount, i.currency)),
                                i.imageUrl))
                        .toList(),
                money(Price.of(order.totalAmount, order.currency)),
                new OrderPlaced.Shipping(a.city, a.postcode, a.country));
    }

    private static Money money(Price price) {
        return new Money(price.amount(), price.currency());
    }
}
