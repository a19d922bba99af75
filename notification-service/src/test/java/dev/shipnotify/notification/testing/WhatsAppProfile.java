package dev.shipnotify.notification.testing;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The real broker, PostgreSQL, SMTP server and WhatsApp Cloud API sandbox, with the WhatsApp channel on and pointed at
 * the sandbox. Tests without it have the channel off.
 */
public class WhatsAppProfile implements QuarkusTestProfile {
    public static final String APP_SECRET = "test-whatsapp-app-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "notification.whatsapp.api-url", "${" + LocalInfraTestResource.WHATSAPP_URL + "}",
                "notification.whatsapp.access-token", "${" + LocalInfraTestResource.WHATSAPP_TOKEN + "}");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LocalInfraTestResource.class, Map.of(
                LocalInfraTestResource.PARTS_ARG, "kafka,postgres,smtp,whatsapp",
                LocalInfraTestResource.DATABASE_ARG, "notifications")));
    }
}
