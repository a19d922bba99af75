package dev.shipnotify.order.orders;

import dev.shipnotify.contracts.ShipmentStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One shipment of an order as tracking-service last reported it; written only by {@link Order#recordShipment}. */
@Entity
@Table(name = "order_shipments")
public class OrderShipment extends PanacheEntityBase {
    @Id
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "order_id")
    public UUID orderId;
    public String carrier;
    @Column(name = "tracking_number")
    public String trackingNumber;
    @Enumerated(EnumType.STRING)
    public ShipmentStatus status;
    /** The courier's time of the checkpoint behind {@link #status}; only a newer one replaces it. */
    @Column(name = "status_at")
    public Instant statusAt;
    @Column(name = "tracking_url")
    public String trackingUrl;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
