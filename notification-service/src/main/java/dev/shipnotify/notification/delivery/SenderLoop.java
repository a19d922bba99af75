package dev.shipnotify.notification.delivery;

import dev.shipnotify.notification.NotificationConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives the {@link NotificationDispatcher}. It wakes up right after a transaction that queued a notification
 * commits, so a new message goes out at once, and on every {@code notification.sender.interval} tick, which
 * picks up retries that became due and anything queued by another replica. One drain runs at a time per
 * process; replicas drain side by side on different rows.
 */
@ApplicationScoped
public class SenderLoop {

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final NotificationDispatcher dispatcher;
    private final int batchSize;

    public SenderLoop(NotificationDispatcher dispatcher, NotificationConfig config) {
        this.dispatcher = dispatcher;
        this.batchSize = config.sender().batchSize();
    }

    @Scheduled(identity = "notification-sender", every = "${notification.sender.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        drain();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationQueued queued) {
        wake();
    }

    /** Asks for a drain on a worker thread; if one is running, it goes round once more before it stops. */
    void wake() {
        wanted.set(true);
        Infrastructure.getDefaultWorkerPool().execute(this::drain);
    }

    /**
     * Delivers what is due. After a full batch it hands over to a fresh worker task rather than holding
     * this thread; returns at once if another drain is running.
     *
     * @return how many notifications this call handled (sent or rescheduled)
     */
    public int drain() {
        int handled = 0;
        do {
            if (!draining.compareAndSet(false, true)) {
                return handled;
            }
            int batch;
            try {
                wanted.set(false);
                batch = drainBatch();
            } finally {
                draining.set(false);
            }
            handled += batch;
            if (batch == batchSize) {
                wake();
                return handled;
            }
        } while (wanted.get());
        return handled;
    }

    /**
     * Sends due notifications until none is left, the batch is full, or one attempt fails: when the provider
     * is down, the other due rows would each fail the same way (and each wait out the provider's timeout),
     * so they wait for the next tick instead.
     */
    private int drainBatch() {
        int handled = 0;
        try {
            while (handled < batchSize) {
                NotificationDispatcher.Result result = dispatcher.dispatchNextDue();
                if (result == NotificationDispatcher.Result.IDLE) {
                    break;
                }
                handled++;
                if (result == NotificationDispatcher.Result.FAILED) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Sender loop stopped this round after %d notifications", handled);
        }
        return handled;
    }
}
