package dev.shipnotify.order.orders;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The shopper of one order, as captured at its checkout. Kept per order on purpose: consent, phone and language
 * are what the shopper said for this order, and a later order must not rewrite an earlier one's.
 */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "merchant_id")
    public UUID merchantId;
    public String name;
    public String email;
    public String phone;
    public String locale;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "consent_email")
    public boolean consentEmail;
    @Column(name = "consent_whatsapp")
    public boolean consentWhatsapp;
    @Column(name = "created_at")
    public Instant createdAt;
}
