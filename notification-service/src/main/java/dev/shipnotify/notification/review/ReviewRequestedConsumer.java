package dev.shipnotify.notification.review;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.contracts.inbox.Inbound;
import dev.shipnotify.contracts.inbox.PoisonEventException;
import dev.shipnotify.notification.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code review-requested} and {@code review-thanked}, with the same acknowledgement, retry and dead-letter
 * rules as {@code order-placed}.
 */
@ApplicationScoped
public class ReviewRequestedConsumer {

    private final ProcessedEvents processedEvents;
    private final ReviewRequests requests;

    public ReviewRequestedConsumer(ProcessedEvents processedEvents, ReviewRequests requests) {
        this.processedEvents = processedEvents;
        this.requests = requests;
    }

    @Incoming(Topics.REVIEW_REQUESTED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.REVIEW_REQUESTED,
                event -> processedEvents.once(event, requests::apply));
    }

    @Incoming(Topics.REVIEW_THANKED)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void consumeThanks(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.REVIEW_THANKED,
                event -> processedEvents.once(event, requests::apply));
    }
}
