package dev.shipnotify.notification.testing;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.infra.whatsapp.SandboxClient;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link EventsAndInbox} plus {@code whatsapp}, the Cloud API sandbox of {@link WhatsAppProfile}: no failure armed,
 * and its status and reply webhooks signed for and pointed at this test's service.
 */
public abstract class EventsAndWhatsApp extends EventsAndInbox {

    @ConfigProperty(name = LocalInfraTestResource.WHATSAPP_URL)
    protected String sandboxUrl;

    @TestHTTPResource("/webhooks/whatsapp")
    URL webhook;

    protected SandboxClient whatsapp;

    @BeforeEach
    void pointTheSandboxAtThisService() {
        whatsapp = new SandboxClient(sandboxUrl);
        whatsapp.clearFailures();
        whatsapp.statusWebhook(webhook.toString(), WhatsAppProfile.APP_SECRET);
    }
}
