package dev.shipnotify.order.merchants;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A shop that places orders through the API, with the branding its messages to shoppers carry. */
@Entity
@Table(name = "merchants")
public class Merchant extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "sender_name")
    public String senderName;
    @Column(name = "sender_email")
    public String senderEmail;
    @Column(name = "support_email")
    public String supportEmail;
    @Column(name = "support_phone")
    public String supportPhone;
    @Column(name = "logo_url")
    public String logoUrl;
    @Column(name = "brand_color")
    public String brandColor;
    @Column(name = "default_locale")
    public String defaultLocale;
    @Column(name = "whatsapp_phone_number_id")
    public String whatsappPhoneNumberId;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The merchant that owns an active API key with this SHA-256 hash. */
    public static Optional<Merchant> findByApiKeyHash(String keyHash) {
        return find("select m from Merchant m, MerchantApiKey k"
                + " where k.merchantId = m.id and k.keyHash = ?1 and k.revokedAt is null", keyHash)
                .firstResultOptional();
    }
}
