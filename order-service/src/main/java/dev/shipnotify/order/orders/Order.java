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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An order of one merchant, with its shopper and line items. */
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
    public List<LineItem> items = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;

    /** The order with this id if it belongs to this merchant; another merchant's order does not exist for it. */
    public static Optional<Order> findForMerchant(UUID id, UUID merchantId) {
        return find("select o from Order o join fetch o.customer left join fetch o.items"
                + " where o.id = ?1 and o.merchantId = ?2", id, merchantId).singleResultOptional();
    }

    void add(LineItem item) {
        item.order = this;
        item.position = items.size();
        items.add(item);
    }
}
