package dev.shipnotify.messaging;

import io.quarkus.arc.properties.UnlessBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The inbox of a MongoDB service. MongoDB has no transaction spanning the documents of a batch, so each effect is
 * idempotent by itself (an upsert keyed by the order, a {@code $setOnInsert}, a newest-checkpoint-wins update) and
 * the handler writes the batch in one bulk write. A redelivered event writes what is already there, so
 * there is no log of event ids to keep and every event counts as new.
 */
@ApplicationScoped
@UnlessBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql", enableIfMissing = true)
public class IdempotentInbox implements Inbox {

    @Override
    public List<EventEnvelope> apply(List<EventEnvelope> events, BatchHandler handler) {
        handler.apply(events);
        return events;
    }
}
