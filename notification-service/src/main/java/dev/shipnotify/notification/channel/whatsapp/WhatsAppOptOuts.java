package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.contracts.Digests;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Phone numbers that replied STOP. A number is kept as a hash of its digits (its WhatsApp id), so {@code +91 98765
 * 43210} and {@code 919876543210} are the same shopper and the list holds no number.
 */
@ApplicationScoped
public class WhatsAppOptOuts {

    public boolean optedOut(String phone) {
        return !Panache.getEntityManager().createNativeQuery("SELECT 1 FROM whatsapp_opt_out WHERE phone_hash = :hash")
                .setParameter("hash", hash(phone))
                .getResultList().isEmpty();
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
