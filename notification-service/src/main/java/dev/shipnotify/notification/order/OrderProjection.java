package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.OrderPlaced;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * This service's own copy of an order: the shopper's contact, language and consent, the merchant's
 * branding and what was bought. Built from {@code order-placed}; no other service's store is read.
 */
@Entity
@Table(name = "order_projection")
public class OrderProjection extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "merchant_id", nullable = false)
    public String merchantId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "merchant", nullable = false)
    public MerchantBranding merchant;

    @Column(name = "shopper_name")
    public String shopperName;

    @Column(name = "shopper_email")
    public String shopperEmail;

    @Column(name = "shopper_phone")
    public String shopperPhone;

    @Column(name = "shopper_locale")
    public String shopperLocale;

    @Column(name = "shopper_time_zone")
    public String shopperTimeZone;

    @Column(name = "consent_email", nullable = false)
    public boolean consentEmail;

    @Column(name = "consent_whatsapp", nullable = false)
    public boolean consentWhatsapp;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "items", nullable = false)
    public List<OrderLine> items;

    @Column(name = "total_amount", nullable = false)
    public BigDecimal totalAmount;

    @Column(name = "total_currency", nullable = false)
    public String totalCurrency;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "shipping")
    public ShippingArea shipping;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    /** When the merchant cancelled the order; null while it stands. */
    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The projections of those of these orders that exist, by order id, read in one query. */
    public static Map<String, OrderProjection> byId(Collection<String> orderIds) {
        Map<String, OrderProjection> known = new HashMap<>();
        if (!orderIds.isEmpty()) {
            OrderProjection.<OrderProjection>list("orderId in ?1", orderIds).forEach(o -> known.put(o.orderId, o));
        }
        return known;
    }

    /**
     * Creates the projection of a new order or refreshes an existing one with the event's snapshot, given the
     * projections already read ({@link #byId}), to which a new one is added. Events of one order arrive in order on
     * one partition, so the latest event wins.
     */
    static OrderProjection upsert(OrderPlaced event, String eventId, Instant now, Map<String, OrderProjection> known) {
        OrderProjection order = known.get(event.orderId());
        if (order == null) {
            order = new OrderProjection();
            order.orderId = event.orderId();
            order.createdAt = now;
            order.apply(event, eventId, now);
            order.persist();
            known.put(order.orderId, order);
        } else {
            order.apply(event, eventId, now);
        }
        return order;
    }

    private void apply(OrderPlaced event, String eventId, Instant now) {
        OrderPlaced.Customer customer = event.customer();
        merchantId = event.merchantId();
        merchant = MerchantBranding.of(event.merchant());
        shopperName = customer.name();
        shopperEmail = customer.email();
        shopperPhone = customer.phone();
        shopperLocale = customer.locale();
        shopperTimeZone = customer.timeZone();
        consentEmail = customer.consent() != null && customer.consent().email();
        consentWhatsapp = customer.consent() != null && customer.consent().whatsapp();
        items = event.items().stream().map(OrderLine::of).toList();
        totalAmount = event.total().amount();
        totalCurrency = event.total().currency();
        shipping = ShippingArea.of(event.shipping());
        placedAt = event.placedAt();
        lastEventId = eventId;
        updatedAt = now;
    }

    /** The shopper's time zone; UTC when the order named none or an unknown one. */
    public ZoneId timeZone() {
        try {
            return shopperTimeZone == null ? ZoneOffset.UTC : ZoneId.of(shopperTimeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
