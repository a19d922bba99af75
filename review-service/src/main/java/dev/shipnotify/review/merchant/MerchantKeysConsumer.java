package dev.shipnotify.review.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.MerchantKeyChanged;
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

/** Keeps {@link MerchantKeyProjection} up to date from {@code merchant-keys}. */
@ApplicationScoped
public class MerchantKeysConsumer {
    private final ObjectMapper json;
    private final MerchantKeyProjection keys;

    public MerchantKeysConsumer(ObjectMapper json, MerchantKeyProjection keys) {
        this.json = json;
        this.keys = keys;
    }

    @Incoming(Topics.MERCHANT_KEYS)
    @Blocking
    @Retry(maxRetries = 4, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    @ExponentialBackoff(maxDelay = 5, maxDelayUnit = ChronoUnit.SECONDS)
    public void keyChanged(ConsumerRecord<String, byte[]> record) {
        Inbound.handle(record, EventType.MERCHANT_KEY_CHANGED,
                event -> keys.apply(event.read(json, MerchantKeyChanged.class)));
    }
}
