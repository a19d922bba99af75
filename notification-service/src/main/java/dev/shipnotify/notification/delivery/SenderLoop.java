package dev.shipnotify.notification.delivery;

import dev.shipnotify.notification.NotificationConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives the {@link NotificationDispatcher}. It wakes up right after a transaction that queued a notification
 * commits, so a new message goes out at once, and on every {@code notification.sender.interval} tick, which
 * picks up retries that became due and anything queued by another replica. Up to {@code notification.sender.workers}
 * drains run side by side in a process, as replicas do, each on its own batches of {@code
 * notification.sender.batch-size} rows: while one batch waits on the providers, another is claimed or recorded.
 */
@ApplicationScoped
public class SenderLoop {

    private final Semaphore workers;
    private final int workerCount;
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean stopping;
    private final NotificationDispatcher dispatcher;
    private final int batchSize;

    public SenderLoop(NotificationDispatcher dispatcher, NotificationConfig config) {
        this.dispatcher = dispatcher;
        this.batchSize = config.sender().batchSize();
        this.workerCount = config.sender().workers();
        this.workers = new Semaphore(workerCount);
    }

    /**
     * The service stops (SIGTERM): no send starts any more, and those under way get up to 10 s to record their
     * outcome while the database is still open. A send cut short later would leave its row QUEUED, and the message
     * would go once more after the restart.
     */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        try {
            if (!workers.tryAcquire(workerCount, 10, TimeUnit.SECONDS)) {
                Log.warn("Stopping: sends still under way after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Asks for drains on worker threads, as many as are free; running ones go round once more before they stop. */
    void wake() {
        wanted.set(true);
        for (int i = workers.availablePermits(); i > 0; i--) {
            Infrastructure.getDefaultWorkerPool().execute(this::drain);
        }
    }

    /**
     * Delivers what is due, a batch at a time. After a full batch it hands over to a fresh worker task rather than
     * holding this thread; returns at once if all workers are draining. A batch with a failed attempt ends the
     * drain: when the provider is down, the other due rows would each fail the same way (and each wait out the
     * provider's timeout), so they wait for the next tick instead.
     *
     * @return how many notifications this call handled (sent or rescheduled)
     */
    public int drain() {
        int handled = 0;
        do {
            if (stopping || !workers.tryAcquire()) {
                return handled;
            }
            NotificationDispatcher.Round round;
            try {
                wanted.set(false);
                round = dispatcher.dispatchDue(batchSize);
            } catch (RuntimeException e) {
                Log.errorf(e, "Sender loop stopped this round after %d notifications", handled);
                return handled;
            } finally {
                workers.release();
            }
            handled += round.handled();
            if (round.failed()) {
                return handled;
            }
            if (round.handled() == batchSize) {
                wake();
                return handled;
            }
        } while (wanted.get());
        return handled;
    }
}
