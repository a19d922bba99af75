package dev.shipnotify.notification.merchant;

import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.problem.MerchantKeyLookup;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The merchant API keys order-service issued, as {@code merchant-keys} told them. A revocation is final: an older,
 * unrevoked state that arrives after it changes nothing.
 */
@ApplicationScoped
public class MerchantKeys implements MerchantKeyLookup {

    /** Applies one key's state, in the caller's transaction; idempotent. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(MerchantKeyChanged change) {
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO merchant_key (key_hash, merchant_id, key_id, revoked_at)
                        VALUES (:hash, :merchant, :keyId, :revokedAt)
                        ON CONFLICT (key_hash) DO UPDATE SET revoked_at = COALESCE(merchant_key.revoked_at, EXCLUDED.revoked_at)""")
                .setParameter("hash", change.keyHash())
                .setParameter("merchant", change.merchantId())
                .setParameter("keyId", change.keyId())
                .setParameter("revokedAt", change.revokedAt())
                .executeUpdate();
        if (change.revoked()) {
            Log.infof("Merchant %s: key %s revoked", change.merchantId(), change.keyId());
        }
    }

    @Override
    @Transactional
    public Optional<String> merchantOfKey(String apiKey) {
        @SuppressWarnings("unchecked")
        List<String> merchants = Panache.getEntityManager().createNativeQuery(
                        "SELECT merchant_id FROM merchant_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .setParameter("hash", MerchantKeyChanged.hashOf(apiKey))
                .getResultList();
        return merchants.stream().findFirst();
    }
}
