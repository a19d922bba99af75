package dev.shipnotify.notification.unsubscribe;

import dev.shipnotify.contracts.Digests;
import dev.shipnotify.notification.NotificationConfig;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;

/**
 * Email opt-outs per merchant, and the signed links that make them. A link names the merchant, a hash of the
 * shopper's address (never the address: URLs end up in logs) and the shopper's language, and carries an
 * HMAC-SHA256 over them with a key this service made at its first start and keeps in its database, so every
 * replica signs and checks alike and no secret has to be configured.
 */
@ApplicationScoped
public class Unsubscribes {
    private static final String KEY_NAME = "unsubscribe";
    private static final Object READ_IN_THIS_TRANSACTION = Unsubscribes.class.getName() + ".read";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** Who a valid link stands for. */
    public record Subscriber(String merchantId, String emailHash, String locale) {
    }

    private final String publicUrl;
    private final TransactionSynchronizationRegistry transaction;
    private volatile byte[] key;

    public Unsubscribes(NotificationConfig config, TransactionSynchronizationRegistry transaction) {
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.transaction = transaction;
    }

    /** The one-click link for this shopper's emails from this merchant. */
    public String link(String merchantId, String email, String locale) {
        String payload = merchantId + "\n" + hash(email) + "\n" + (locale == null ? "" : locale);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return publicUrl + "/unsubscribe/" + URL.encodeToString(bytes) + "." + URL.encodeToString(sign(bytes));
    }

    /** The subscriber a token stands for; empty if it is malformed or its signature is not ours. */
    public Optional<Subscriber> read(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 1024) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            return parts.length == 3 ? Optional.of(new Subscriber(parts[0], parts[1], parts[2])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the shopper at this address unsubscribed from this merchant's emails; answered from what
     * {@link #preload} read in this transaction, if it read this pair.
     */
    public boolean optedOut(String merchantId, String email) {
        String hash = hash(email);
        Map<String, Boolean> read = readInThisTransaction();
        Boolean known = read == null ? null : read.get(pair(merchantId, hash));
        if (known != null) {
            return known;
        }
        return !Panache.getEntityManager().createNativeQuery(
                        "SELECT 1 FROM email_opt_out WHERE merchant_id = :merchant AND email_hash = :hash")
                .setParameter("merchant", merchantId)
                .setParameter("hash", hash)
                .getResultList().isEmpty();
    }

    /**
     * Reads in one query which of these shoppers (emails by merchant id) unsubscribed, for the {@link #optedOut}
     * calls of the rest of this transaction: a consumed batch asks once, not once per order.
     */
    public void preload(Map<String, Set<String>> emailsByMerchant) {
        if (emailsByMerchant.isEmpty() || transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        Map<String, Boolean> read = readInThisTransaction();
        if (read == null) {
            read = new HashMap<>();
            transaction.putResource(READ_IN_THIS_TRANSACTION, read);
        }
        Set<String> hashes = new HashSet<>();
        for (var merchant : emailsByMerchant.entrySet()) {
            for (String email : merchant.getValue()) {
                String hash = hash(email);
                hashes.add(hash);
                read.put(pair(merchant.getKey(), hash), false);
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> optedOut = Panache.getEntityManager().createNativeQuery(
                        "SELECT merchant_id, email_hash FROM email_opt_out"
                                + " WHERE merchant_id IN (:merchants) AND email_hash IN (:hashes)")
                .setParameter("merchants", emailsByMerchant.keySet())
                .setParameter("hashes", hashes)
                .getResultList();
        for (Object[] row : optedOut) {
            read.replace(pair((String) row[0], (String) row[1]), true);
        }
    }

    private static String pair(String merchantId, String emailHash) {
        return merchantId + "\n" + emailHash;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Boolean> readInThisTransaction() {
        return transaction.getTransactionStatus() == Status.STATUS_ACTIVE
                ? (Map<String, Boolean>) transaction.getResource(READ_IN_THIS_TRANSACTION) : null;
    }

    /** Records the opt-out; a second one changes nothing. */
    public void optOut(Subscriber subscriber) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO email_opt_out (merchant_id, email_hash, opted_out_at) VALUES (:merchant, :hash, :now)
                        ON CONFLICT DO NOTHING""")
                .setParameter("merchant", subscriber.merchantId())
                .setParameter("hash", subscriber.emailHash())
                .setParameter("now", Instant.now())
                .executeUpdate());
    }

    static String hash(String email) {
        return Digests.sha256Hex(email.strip().toLowerCase(Locale.ROOT));
    }

    private byte[] sign(byte[] payload) {
        return Digests.hmacSha256(key(), payload);
    }

    /** The signing key: made by the first replica that needs it, read by the others. */
    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            known = QuarkusTransaction.requiringNew().call(() -> {
                Panache.getEntityManager().createNativeQuery("""
                                INSERT INTO signing_key (name, secret, created_at) VALUES (:name, :secret, :now)
                                ON CONFLICT DO NOTHING""")
                        .setParameter("name", KEY_NAME).setParameter("secret", fresh).setParameter("now", Instant.now())
                        .executeUpdate();
                return (byte[]) Panache.getEntityManager()
                        .createNativeQuery("SELECT secret FROM signing_key WHERE name = :name")
                        .setParameter("name", KEY_NAME).getSingleResult();
            });
            key = known;
        }
        return known;
    }
}
