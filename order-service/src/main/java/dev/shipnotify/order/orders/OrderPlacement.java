package dev.shipnotify.order.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Redact;
import dev.shipnotify.order.merchants.Merchant;
import dev.shipnotify.order.outbox.OutboxWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Places orders: in one transaction it claims the Idempotency-Key, stores the order with its shopper and items,
 * writes {@code order-placed} to the outbox and records the response for replays. Either all of it commits or
 * none of it does.
 */
@ApplicationScoped
public class OrderPlacement {
    static final int CREATED = 201;

    private final IdempotencyKeys idempotencyKeys;
    private final OutboxWriter outbox;
    private final ObjectMapper json;

    public OrderPlacement(IdempotencyKeys idempotencyKeys, OutboxWriter outbox, ObjectMapper json) {
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.json = json;
    }

    /** What to answer: the order's id, the status and the exact body, and whether this is a replay. */
    public record Outcome(UUID orderId, int status, String body, boolean replayed) {
    }

    /**
     * Places a validated, canonical order. With an idempotency key, a repeated request gets the first response
     * again, and a different request under the same key gets {@link IdempotencyKeyReusedException}.
     */
    @Transactional
    public Outcome place(Merchant merchant, Optional<String> idempotencyKey, PlaceOrderRequest request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (idempotencyKey.isPresent()) {
            String key = idempotencyKey.get();
            String hash = hash(request);
            if (!idempotencyKeys.claim(merchant.id, key, hash, now)) {
                return replay(merchant, key, hash);
            }
            Outcome outcome = create(merchant, request, now);
            idempotencyKeys.complete(merchant.id, key, outcome.orderId(), outcome.status(), outcome.body());
            return outcome;
        }
        return create(merchant, request, now);
    }

    private Outcome replay(Merchant merchant, String key, String hash) {
        IdempotencyKeys.Stored stored = idempotencyKeys.find(merchant.id, key)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished after a conflict"));
        if (!stored.requestHash().equals(hash)) {
            throw new IdempotencyKeyReusedException();
        }
        Log.debugf("Replaying order %s for a repeated Idempotency-Key of merchant %s", stored.orderId(), merchant.id);
        return new Outcome(stored.orderId(), stored.status(), stored.body(), true);
    }

    private Outcome create(Merchant merchant, PlaceOrderRequest request, Instant now) {
        Order order = newOrder(merchant, request, now);
        order.persist();
        outbox.write(EventType.ORDER_PLACED, order.id.toString(), OrderPlacedEvents.of(order, merchant), now);
        Log.infof("Order %s placed for merchant %s: %d items, %s %s, shopper %s", order.id, merchant.id,
                order.items.size(), order.totalAmount.toPlainString(), order.currency,
                Redact.email(order.customer.email));
        return new Outcome(order.id, CREATED, write(OrderResponse.of(order)), false);
    }

    private static Order newOrder(Merchant merchant, PlaceOrderRequest request, Instant now) {
        CustomerDetails details = request.customer();
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.merchantId = merchant.id;
        customer.name = details.name();
        customer.email = details.email();
        customer.phone = details.phone();
        customer.locale = details.locale();
        customer.timeZone = details.timeZone();
        customer.consentEmail = details.consent().email();
        customer.consentWhatsapp = details.consent().whatsapp();
        customer.createdAt = now;

        Order order = new Order();
        order.id = UUID.randomUUID();
        order.merchantId = merchant.id;
        order.customer = customer;
        order.status = OrderStatus.PLACED;
        order.createdAt = now;
        order.shippingAddress = address(request.shippingAddress());

        BigDecimal total = BigDecimal.ZERO;
        for (ItemDetails line : request.items()) {
            LineItem item = new LineItem();
            item.id = UUID.randomUUID();
            item.sku = line.sku();
            item.name = line.name();
            item.quantity = line.quantity();
            item.unitAmount = line.unitPrice().amount();
            item.currency = line.unitPrice().currency();
            item.imageUrl = line.imageUrl();
            order.add(item);
            total = total.add(item.unitAmount.multiply(BigDecimal.valueOf(item.quantity)));
        }
        order.currency = order.items.get(0).currency;
        order.totalAmount = Price.of(total, order.currency).amount();
        return order;
    }

    private static ShippingAddress address(AddressDetails details) {
        ShippingAddress address = new ShippingAddress();
        address.line1 = details.line1();
        address.line2 = details.line2();
        address.city = details.city();
        address.postcode = details.postcode();
        address.country = details.country();
        return address;
    }

    private String write(OrderResponse response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order response is always serialisable", e);
        }
    }

    /** SHA-256 of the canonical request, so "the same body" means the same order, not the same bytes. */
    private String hash(PlaceOrderRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash an order request", e);
        }
    }
}
