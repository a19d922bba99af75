package dev.shipnotify.order.merchants;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One API key of a merchant. Only the SHA-256 of the key is kept; the key itself is shown once, when issued.
 * A merchant may hold several keys at a time, so a key can be rotated without downtime.
 */
@Entity
@Table(name = "merchant_api_keys")
public class MerchantApiKey extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "merchant_id")
    public UUID merchantId;
    @Column(name = "key_hash")
    public String keyHash;
    /** The first characters of the key, enough for a person to tell keys apart. */
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
