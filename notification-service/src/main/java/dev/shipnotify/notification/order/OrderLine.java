package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.OrderPlaced;
import java.math.BigDecimal;

/** One line of the order as the shopper bought it. */
public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice, String currency, String imageUrl) {

    static OrderLine of(OrderPlaced.Item item) {
        return new OrderLine(item.sku(), item.name(), item.quantity(),
                item.unitPrice() == null ? null : item.unitPrice().amount(),
                item.unitPrice() == null ? null : item.unitPrice().currency(), item.imageUrl());
    }

    public BigDecimal lineTotal() {
        return unitPrice == null ? null : unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
