package dev.shipnotify.order.orders;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;

/** One line of an order, in the order the merchant sent the lines. */
@Entity
@Table(name = "order_items")
public class LineItem extends PanacheEntityBase {
    @Id
    public UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public Order order;
    public int position;
    public String sku;
    public String name;
    public int quantity;
    @Column(name = "unit_amount")
    public BigDecimal unitAmount;
    public String currency;
    @Column(name = "image_url")
    public String imageUrl;
}
