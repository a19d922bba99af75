package dev.shipnotify.notification.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What a notification test plays with: {@code events} publishes on the test resource's real broker as the
 * upstream services do, {@code mailbox} reads what reached its real SMTP server.
 */
public abstract class EventsAndInbox {
    /** Generous: the first test of a class also waits for the group's consumers to get their partitions. */
    protected static final Duration DELIVERY = Duration.ofSeconds(60);
    /** How long "nothing more arrives" is watched for. */
    protected static final Duration QUIET = Duration.ofSeconds(3);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @ConfigProperty(name = LocalInfraTestResource.MAILBOX_URL)
    protected String mailboxUrl;

    @Inject
    protected ObjectMapper json;

    protected EventPublisher events;
    protected MailboxClient mailbox;

    @BeforeEach
    void connectToBrokerAndMailbox() {
        events = new EventPublisher(bootstrapServers, json);
        mailbox = new MailboxClient(mailboxUrl);
    }

    @AfterEach
    void closePublisher() {
        events.close();
    }
}
