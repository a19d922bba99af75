package dev.shipnotify.order.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The body of {@code POST /api/orders}. */
public record PlaceOrderRequest(
        @NotNull @Valid CustomerDetails customer,
        @NotEmpty List<@NotNull @Valid ItemDetails> items,
        @NotNull @Valid AddressDetails shippingAddress) {
}
