package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.contracts.Digests;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Phone numbers that replied STOP. A number is kept as a hash of its digits (its WhatsApp id), so {@code +91 98765
 * 43210} and {@code 919876543210} are the same shopper and the list holds no number.
 */
@ApplicationScoped
public class WhatsAppOptOuts {

    public boolean optedOut(String phone) {
        return !optedOut(List.of(phone)).isEmpty();
    }

    /** Those of these phone numbers that opted out, read in one query. */
    public Set<String> optedOut(Collection<String> phones) {
        if (phones.isEmpty()) {
            return Set.of();
        }
        Map<String, List<String>> byHash = phones.stream().distinct().collect(Collectors.groupingBy(
                WhatsAppOptOuts::hash));
        @SuppressWarnings("unchecked")
        List<String> optedOut = Panache.getEntityManager()
                .createNativeQuery("SELECT phone_hash FROM whatsapp_opt_out WHERE phone_hash IN (:hashes)")
                .setParameter("hashes", byHash.keySet())
                .getResultList();
        return optedOut.stream().flatMap(hash -> byHash.get(hash).stream()).collect(Collectors.toSet());
    }

    /** Records the opt-out; a second one changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void optOut(String phone) {
        Panache.getEntityManager().createNativeQuery("""
                        INSERT INTO whatsapp_opt_out (phone_hash, opted_out_at) VALUES (:hash, :now)
                        ON CONFLICT DO NOTHING""")
                .setParameter("hash", hash(phone))
                .setParameter("now", Instant.now())
                .executeUpdate();
    }

    static String hash(String phone) {
        return Digests.sha256Hex(phone.replaceAll("[^0-9]", ""));
    }
}
