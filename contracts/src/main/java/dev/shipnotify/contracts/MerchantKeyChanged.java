package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /** The {@code keyHash} of a key: lower-case hex SHA-256 of its UTF-8 bytes. */
    public static String hashOf(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
