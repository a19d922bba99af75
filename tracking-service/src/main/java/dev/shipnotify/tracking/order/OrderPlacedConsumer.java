package dev.shipnotify.tracking.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import dev.shipnotify.contracts.inbox.Inbound;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps {@link OrderSnapshots} from {@code order-placed}. */
@ApplicationScoped
public class OrderPlacedConsumer {
    private final ObjectMapper json;
    private final OrderSnapshots orders;

    public OrderPlacedConsumer(ObjectMapper json, OrderSnapshots orders) {
        this.json = json;
        this.orders = orders;
    }

    @Incoming(Topics.ORDER_PLACED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void orderPlaced(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.ORDER_PLACED, event -> orders.placed(event.read(json, OrderPlaced.class)));
    }
}
