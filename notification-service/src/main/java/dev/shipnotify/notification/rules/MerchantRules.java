package dev.shipnotify.notification.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** Each merchant's {@link NotificationRules}, kept in {@code merchant_rules}; a merchant without a row has the defaults. */
@ApplicationScoped
public class MerchantRules {

    private final ObjectMapper json;

    public MerchantRules(ObjectMapper json) {
        this.json = json;
    }

    @Transactional
    public NotificationRules of(String merchantId) {
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
