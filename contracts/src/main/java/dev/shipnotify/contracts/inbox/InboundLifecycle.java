package dev.shipnotify.contracts.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Ties {@link Inbound} to the service's life: records are handled once it started, and when it stops (SIGTERM),
 * before its database or MongoDB client closes, no new record is taken and those being handled get up to 10 s to
 * finish. Quarkus fires {@link ShutdownEvent} before it closes the stores; this observer runs among the first.
 */
@ApplicationScoped
public class InboundLifecycle {
    private static final Logger LOG = System.getLogger(InboundLifecycle.class.getName());
    static final Duration GRACE = Duration.ofSeconds(10);

    void started(@Observes StartupEvent event) {
        Inbound.start();
    }

    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        long begin = System.nanoTime();
        int left = Inbound.stop(GRACE);
        if (left > 0) {
            LOG.log(Level.WARNING, String.format("Stopping: %d records still being handled after %d s; they will be "
                    + "consumed again after the restart", left, GRACE.toSeconds()));
        } else {
            LOG.log(Level.INFO, String.format("Stopping: consumers take no more records; those under way finished in "
                    + "%d ms", (System.nanoTime() - begin) / 1_000_000));
        }
    }
}
