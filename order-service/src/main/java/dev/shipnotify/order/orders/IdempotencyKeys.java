package dev.shipnotify.order.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code Idempotency-Key}s merchants sent, each with the hash of its request and the response it got.
 * The primary key (merchant_id, idempotency_key) decides races: see {@link #claim}.
 */
@ApplicationScoped
public class IdempotencyKeys {
    private final EntityManager em;

    public IdempotencyKeys(EntityManager em) {
        this.em = em;
    }

    /** The response stored for a key, and the hash of the request that produced it. */
    public record Stored(String requestHash, UUID orderId, int status, String body) {
    }

    /**
     * Claims the key for this request in the current transaction. Answers false if another request holds it. A
     * concurrent request holding it uncommitted makes PostgreSQL wait here until that transaction ends, so a
     * {@code false} always means the winner's response is committed and readable.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(UUID merchantId, String key, String requestHash, Instant now) {
        return em.createNativeQuery("""
                insert into idempotency_keys (merchant_id, idempotency_key, request_hash, created_at)
                values (:merchant, :key, :hash, :now)
                on conflict (merchant_id, idempotency_key) do nothing""")
                .setParameter("merchant", merchantId)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Records the response of the request that claimed the key, in the transaction that claimed it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(UUID merchantId, String key, UUID orderId, int status, String body) {
        em.createNativeQuery("""
                update idempotency_keys set order_id = :order, response_status = :status, response_body = :body
                where merchant_id = :merchant and idempotency_key = :key""")
                .setParameter("order", orderId)
                .setParameter("status", status)
                .setParameter("body", body)
                .setParameter("merchant", merchantId)
                .setParameter("key", key)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Stored> find(UUID merchantId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select request_hash, order_id, response_status, response_body from idempotency_keys
                where merchant_id = :merchant and idempotency_key = :key""")
                .setParameter("merchant", merchantId)
                .setParameter("key", key)
                .getResultList();
        return rows.stream().findFirst().map(row -> new Stored((String) row[0], (UUID) row[1],
                row[2] == null ? 0 : ((Number) row[2]).intValue(), (String) row[3]));
    }
}
