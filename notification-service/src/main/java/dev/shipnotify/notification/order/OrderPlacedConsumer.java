package dev.shipnotify.notification.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code order-placed}. The record is acknowledged when this method returns, that is after the
 * handler's transaction committed; an exception nacks it, and the channel's {@code dead-letter-queue} failure
 * strategy writes it to {@code order-placed.notification-service.dlq} with the reason and moves on.
 *
 * <p>A poison record (no {@code ce_id}, not JSON, a required field missing) goes there at once. Anything else
 * (the database briefly unreachable) is retried a few times with backoff first, for a few seconds in total:
 * well inside the 60 s after which the throttled commit strategy would report the consumer unhealthy.
 */
@ApplicationScoped
public class OrderPlacedConsumer {

    private final ObjectMapper json;
    private final OrderPlacedHandler handler;

    public OrderPlacedConsumer(ObjectMapper json, OrderPlacedHandler handler) {
        this.json = json;
        this.handler = handler;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.ORDER_PLACED,
                event -> handler.handle(event, event.read(json, OrderPlaced.class)));
    }
}
