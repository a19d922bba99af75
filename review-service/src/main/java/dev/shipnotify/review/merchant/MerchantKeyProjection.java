package dev.shipnotify.review.merchant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.problem.MerchantKeyLookup;
import dev.shipnotify.review.Store;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * The merchant API keys order-service issued, as {@code merchant-keys} told them: key hash to merchant. A merchant
 * call is authenticated here without asking order-service. A revocation is final: an older, unrevoked state that
 * arrives after it changes nothing.
 */
@ApplicationScoped
public class MerchantKeyProjection implements MerchantKeyLookup {
    static final String COLLECTION = "merchant_keys";

    private final MongoCollection<Document> keys;

    public MerchantKeyProjection(Store store) {
        this.keys = store.collection(COLLECTION);
    }

    /** Applies one key's state; idempotent, so a redelivered event changes nothing. */
    public void apply(MerchantKeyChanged change) {
        Document known = keys.find(Filters.eq("_id", change.keyHash())).first();
        if (known != null && known.get("revokedAt") != null) {
            return;
        }
        keys.replaceOne(Filters.eq("_id", change.keyHash()), new Document("_id", change.keyHash())
                .append("merchantId", change.merchantId())
                .append("keyId", change.keyId())
                .append("revokedAt", change.revokedAt() == null ? null : Date.from(change.revokedAt())),
                new ReplaceOptions().upsert(true));
        if (change.revoked()) {
            Log.infof("Merchant %s: key %s revoked", change.merchantId(), change.keyId());
        }
    }

    /** The merchant whose valid key hashes to {@code keyHash}. */
    private Optional<String> merchantOf(String keyHash) {
        Document key = keys.find(Filters.eq("_id", keyHash)).first();
        return key == null || key.get("revokedAt") != null ? Optional.empty()
                : Optional.of(key.getString("merchantId"));
    }

    @Override
    public Optional<String> merchantOfKey(String apiKey) {
        return merchantOf(MerchantKeyChanged.hashOf(apiKey));
    }
}
