package dev.shipnotify.notification.delivery;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Real broker and database, and the SMTP server behind a gate; a short retry schedule (attempts at about 0,
 * 0.3, 0.9, 1.9, 2.9 and 3.9 s) so both "recovers in time" and "budget spent" fit in a test.
 */
public class SmtpOutageProfile implements QuarkusTestProfile {

    static final int MAX_ATTEMPTS = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "notification.sender.retry.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "notification.sender.retry.initial-backoff", "300ms",
                "notification.sender.retry.max-backoff", "1s",
                "quarkus.mailer.timeout", "3s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(LocalInfraTestResource.class,
                        Map.of("parts", "kafka,postgres", "postgres.database", "notifications")),
                new TestResourceEntry(SmtpGateResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
