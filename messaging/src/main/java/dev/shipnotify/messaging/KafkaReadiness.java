package dev.shipnotify.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the Kafka cluster answers a metadata request within {@link #TIMEOUT}. Quarkus' own check
 * ({@code quarkus.kafka.health}, switched off in every service) waits up to the admin client's 60 s API timeout when
 * a broker hangs (SIGSTOP, a full disk, a network that drops packets), so a probe times out instead of reading DOWN.
 * This one answers DOWN, with the reason, within its bound, and UP again on the first answer. Every service finds it
 * through this jar's {@code META-INF/beans.xml}.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    public static final String NAME = "Kafka cluster answers";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Admin admin;

    @Inject
    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value.toString());
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(config);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).stream()
                    .map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
            return new HealthCheckResponse(NAME, HealthCheckResponse.Status.UP, Optional.of(Map.of("nodes", nodes)));
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return down("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private static HealthCheckResponse down(String reason) {
        return new HealthCheckResponse(NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("reason", reason)));
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ZERO);
    }
}
