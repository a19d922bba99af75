package dev.shipnotify.order.outbox;

import dev.shipnotify.order.OrderConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/** Deletes published outbox rows older than {@code order.outbox.retention}; unpublished rows are never touched. */
@ApplicationScoped
public class OutboxCleaner {
    private final EntityManager em;
    private final Duration retention;

    public OutboxCleaner(EntityManager em, OrderConfig config) {
        this.em = em;
        this.retention = config.outbox().retention();
    }

    @Scheduled(identity = "outbox-cleaner", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deletePublished() {
        int deleted = em.createNativeQuery(
                "delete from outbox where published_at is not null and published_at < :before")
                .setParameter("before", Instant.now().minus(retention))
                .executeUpdate();
        if (deleted > 0) {
            Log.infof("Deleted %d outbox rows published more than %s ago", deleted, retention);
        }
    }
}
