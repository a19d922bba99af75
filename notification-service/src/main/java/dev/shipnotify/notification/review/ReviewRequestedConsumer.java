package dev.shipnotify.notification.review;

import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code review-requested} and {@code review-thanked}, a batch at a time ({@link EventConsumer}). */
@ApplicationScoped
public class ReviewRequestedConsumer {

    private final EventConsumer consumer;
    private final ReviewRequests requests;

    public ReviewRequestedConsumer(EventConsumer consumer, ReviewRequests requests) {
        this.consumer = consumer;
        this.requests = requests;
    }

    @Incoming(Topics.REVIEW_REQUESTED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.REVIEW_REQUESTED, consumer.eachEvent(requests::apply));
    }

    @Incoming(Topics.REVIEW_THANKED)
    @Blocking
    public void consumeThanks(ConsumerRecords<String, byte[]> records) {
        consumer.consume(records, EventType.REVIEW_THANKED, consumer.eachEvent(requests::apply));
    }
}
