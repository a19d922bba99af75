package dev.shipnotify.notification.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each merchant's {@link NotificationRules}, kept in {@code merchant_rules}; a merchant without a row has the defaults.
 * A transaction reads a merchant's rules once: a consumed batch of a thousand of its orders asks the database once.
 */
@ApplicationScoped
public class MerchantRules {
    private static final String READ_IN_THIS_TRANSACTION = MerchantRules.class.getName();

    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transaction;

    public MerchantRules(ObjectMapper json, TransactionSynchronizationRegistry transaction) {
        this.json = json;
        this.transaction = transaction;
    }

    @Transactional
    public NotificationRules of(String merchantId) {
        return read().computeIfAbsent(merchantId, this::load);
    }

    /** The rules this transaction has read so far. */
    private Map<String, NotificationRules> read() {
        @SuppressWarnings("unchecked")
        Map<String, NotificationRules> read = (Map<String, NotificationRules>) transaction
                .getResource(READ_IN_THIS_TRANSACTION);
        if (read == null) {
            read = new HashMap<>();
            transaction.putResource(READ_IN_THIS_TRANSACTION, read);
        }
        return read;
    }

    private NotificationRules load(String merchantId) {
        @SuppressWarnings("unchecked")
        List<String> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT CAST(rules AS text) FROM merchant_rules WHERE merchant_id = :merchant")
                .setParameter("merchant", merchantId).getResultList();
        if (rows.isEmpty()) {
            return NotificationRules.DEFAULTS;
        }
        try {
            return json.readValue(rows.get(0), NotificationRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("merchant_rules of " + merchantId + " is not NotificationRules JSON", e);
        }
    }

    @Transactional
    public void put(String merchantId, NotificationRules rules) {
        read().remove(merchantId);
        String text;
        try {
            text = json.writeValueAsString(rules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO merchant_rules (merchant_id, rules, updated_at)
                        VALUES (:merchant, CAST(:rules AS jsonb), :now)
                        ON CONFLICT (merchant_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at""")
                .setParameter("merchant", merchantId)
                .setParameter("rules", text)
                .setParameter("now", Instant.now())
                .executeUpdate();
    }
}
