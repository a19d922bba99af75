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
 * drains run side by side in a process, as replicas do, each on its own rows: a send mostly waits on the provider
 * and the database, so one at a time left the CPU idle.
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
     * Delivers what is due. After a full batch it hands over to a fresh worker task rather than holding
     * this thread; returns at once if all workers are draining.
     *
     * @return how many notifications this call handled (sent or rescheduled)
     */
    public int drain() {
        int handled = 0;
        do {
            if (stopping || !workers.tryAcquire()) {
                return handled;
            }
            int batch;
            try {
                wanted.set(false);
                batch = drainBatch();
            } finally {
                workers.release();
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
            while (handled < batchSize && !stopping) {
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
