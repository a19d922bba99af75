package dev.shipnotify.ops.lag;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/consumers}: DOWN while a group is STOP or STALL, naming each such group. A health group of
 * its own, so a stalled consumer elsewhere does not take ops-console itself out of service.
 */
@HealthGroup("consumers")
@ApplicationScoped
public class ConsumersHealthCheck implements HealthCheck {
    private final LagMonitor monitor;

    public ConsumersHealthCheck(LagMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumer groups").up();
        for (LagReport.Group group : monitor.latest().groups()) {
            if (group.status() == Status.STOP || group.status() == Status.STALL) {
                response.down().withData(group.group(), group.status() + ", " + group.lagRecords() + " records behind");
            }
        }
        return response.build();
    }
}
