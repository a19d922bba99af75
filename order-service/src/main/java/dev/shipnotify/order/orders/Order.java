package dev.shipnotify.order.orders;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * An order of one merchant, with its shopper, line items and shipments. Its status is placed until its shipments
 * say otherwise, or cancelled, which nothing undoes.
 */
@Entity
@Table(name = "orders")
public class Order extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "merchant_id")
    public UUID merchantId;
    @OneToOne(cascade = CascadeType.PERSIST, fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    public Customer customer;
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    public String currency;
    @Column(name = "total_amount")
    public BigDecimal totalAmount;
    @Embedded
    public ShippingAddress shippingAddress;
    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @BatchSize(size = 100)
    public List<LineItem> items = new ArrayList<>();
    @OneToMany(cascade = CascadeType.ALL)
    @JoinColumn(name = "order_id", insertable = false, updatable = false)
    @OrderBy("statusAt")
    @BatchSize(size = 100)
    public List<OrderShipment> shipments = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
    @Column(name = "cancel_reason")
    public String cancelReason;
    @Version
    public long version;

    /** The order with this id if it belongs to this merchant; another merchant's order does not exist for it. */
    public static Optional<Order> findForMerchant(UUID id, UUID merchantId) {
        return find("select o from Order o join fetch o.customer left join fetch o.items"
                + " where o.id = ?1 and o.merchantId = ?2", id, merchantId).singleResultOptional();
    }

    /**
     * The order with this id if it belongs to this merchant, locked until the transaction ends, so a cancellation
     * and a shipment event for the same order take turns.
     */
    public static Optional<Order> lockForMerchant(UUID id, UUID merchantId) {
        return find("id = ?1 and merchantId = ?2", id, merchantId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .singleResultOptional();
    }

    /**
     * The orders with these ids that exist, whichever merchant they belong to, locked like {@link #lockForMerchant}
     * in one query and in id order, with their shipments read in one more (not a query per 100 orders when the first
     * is touched: those batch loads were most of the time a batch of shipment news took).
     */
    public static List<Order> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Order> locked = find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        find("select distinct o from Order o left join fetch o.shipments where o.id in ?1", ids).list();
        return locked;
    }

    /**
     * Cancels the order.
     *
     * @return {@code false} if it was cancelled already, so nothing changed
     * @throws OrderNotCancellableException once its parcel reached the shopper or came back
     */
    public boolean cancel(String reason, Instant now) {
        if (status == OrderStatus.CANCELLED) {
            return false;
        }
        if (!status.cancellable()) {
            throw new OrderNotCancellableException(id, status);
        }
        status = OrderStatus.CANCELLED;
        cancelledAt = now;
        cancelReason = reason;
        return true;
    }

    /**
     * Takes in what tracking-service reported about one of the order's shipments, unless it already knows a newer
     * checkpoint of that shipment, and works out the order's status again.
     *
     * @return {@code false} if the report is older than, or the same as, what the order knows
     */
    public boolean recordShipment(ShipmentReport report, Instant now) {
        OrderShipment shipment = shipments.stream().filter(s -> s.shipmentId.equals(report.shipmentId()))
                .findFirst().orElse(null);
        if (shipment == null) {
            shipment = new OrderShipment();
            shipment.shipmentId = report.shipmentId();
            shipment.orderId = id;
            shipments.add(shipment);
        } else if (report.statusAt().isBefore(shipment.statusAt)
                || report.statusAt().equals(shipment.statusAt) && report.status() == shipment.status) {
            return false;
        }
        shipment.carrier = report.carrier();
        shipment.trackingNumber = report.trackingNumber();
        shipment.status = report.status();
        shipment.statusAt = report.statusAt();
        if (report.trackingUrl() != null) {
            shipment.trackingUrl = report.trackingUrl();
        }
        shipment.updatedAt = now;
        if (status != OrderStatus.CANCELLED) {
            status = fulfilment();
        }
        return true;
    }

    /**
     * The order's status from its shipments: returned when every shipment came back, otherwise the least advanced
     * status among the shipments still on their way, so an order in two parcels is delivered when both are.
     */
    private OrderStatus fulfilment() {
        List<OrderStatus> each = shipments.stream().map(s -> OrderStatus.of(s.status)).toList();
        if (each.stream().allMatch(s -> s == OrderStatus.RETURNED)) {
            return OrderStatus.RETURNED;
        }
        return each.stream().filter(s -> s != OrderStatus.RETURNED).min(Comparator.naturalOrder())
                .orElse(OrderStatus.PLACED);
    }

    /** The shipment whose status changed last, if the order has shipped anything. */
    public Optional<OrderShipment> latestShipment() {
        return shipments.stream().max(Comparator.comparing((OrderShipment s) -> s.statusAt)
                .thenComparing(s -> s.updatedAt));
    }

    void add(LineItem item) {
        item.order = this;
        item.position = items.size();
        items.add(item);
    }
}
