package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * A merchant API key was issued or revoked: its state now. Services other than order-service keep a projection of
 * these to authenticate merchant calls without reading order-service's database. {@code keyHash} is the hex
 * SHA-256 of the key, which is all order-service stores: a key is 256 random bits, so its hash reveals nothing
 * usable. A revoked key stays revoked; a consumer keeps the revocation even if an older state arrives later.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MerchantKeyChanged(int schemaVersion, String merchantId, String keyId, String keyHash,
        Instant issuedAt, Instant revokedAt) {

    public static final int SCHEMA_VERSION = 1;

    public MerchantKeyChanged {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
