package dev.shipnotify.order.merchants;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.order.outbox.OutboxWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and revokes merchants' API keys. A merchant may hold several valid keys, so a key is rotated without
 * downtime: issue a new one, switch the merchant's systems to it, revoke the old one. A revoked key answers 401
 * from its next request on. Each change is published on {@code merchant-keys} in the same transaction, so the
 * other services that take merchant calls learn of it without reading this database.
 */
@ApplicationScoped
public class MerchantKeys {
    private final OutboxWriter outbox;

    public MerchantKeys(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** A new key for the merchant, with the key in clear in the answer, once. */
    @Transactional(Transactional.TxType.MANDATORY)
    ApiKeyView issue(Merchant merchant, Instant now) {
        String key = ApiKeys.generate();
        MerchantApiKey apiKey = new MerchantApiKey();
        apiKey.id = UUID.randomUUID();
        apiKey.merchantId = merchant.id;
        apiKey.keyHash = ApiKeys.hash(key);
        apiKey.keyPrefix = ApiKeys.displayPrefix(key);
        apiKey.createdAt = now;
        apiKey.persist();
        published(apiKey, now);
        Log.infof("Merchant %s: API key %s... issued", merchant.id, apiKey.keyPrefix);
        return ApiKeyView.of(apiKey, key);
    }

    /** A new key for an existing merchant, or empty if there is no such merchant. */
    @Transactional
    public Optional<ApiKeyView> issue(UUID merchantId) {
        return Merchant.<Merchant>findByIdOptional(merchantId)
                .map(merchant -> issue(merchant, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Every key of the merchant, valid and revoked, oldest first. */
    @Transactional
    public List<ApiKeyView> list(UUID merchantId) {
        return MerchantApiKey.<MerchantApiKey>list("merchantId = ?1 order by createdAt, id", merchantId).stream()
                .map(k -> ApiKeyView.of(k, null)).toList();
    }

    /** Revokes one key of the merchant; revoking a revoked key changes nothing. Empty if there is no such key. */
    @Transactional
    public Optional<ApiKeyView> revoke(UUID merchantId, UUID keyId) {
        return MerchantApiKey.<MerchantApiKey>find("id = ?1 and merchantId = ?2", keyId, merchantId)
                .firstResultOptional().map(key -> {
                    if (key.revokedAt == null) {
                        key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                        published(key, key.revokedAt);
                        Log.infof("Merchant %s: API key %s... revoked", merchantId, key.keyPrefix);
                    }
                    return ApiKeyView.of(key, null);
                });
    }

    private void published(MerchantApiKey key, Instant now) {
        outbox.write(EventType.MERCHANT_KEY_CHANGED, key.merchantId.toString(), new MerchantKeyChanged(
                MerchantKeyChanged.SCHEMA_VERSION, key.merchantId.toString(), key.id.toString(), key.keyHash,
                key.createdAt, key.revokedAt), now);
    }
}
