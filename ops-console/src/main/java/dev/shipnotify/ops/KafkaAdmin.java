package dev.shipnotify.ops;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/** The one Kafka Admin client of ops-console, which the lag monitor and the dead letters share. */
public class KafkaAdmin {

    @Produces
    @ApplicationScoped
    Admin admin(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putIfAbsent("client.id", "ops-console");
        return Admin.create(settings);
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(5));
    }
}
