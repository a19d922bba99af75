package dev.shipnotify.notification.delivery;

import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.mail.Mailbox;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The local-infra mailbox (real SMTP server and its API) behind an {@link SmtpGate} the test can shut. */
public class SmtpGateResource implements QuarkusTestResourceLifecycleManager {

    private Mailbox mailbox;
    private SmtpGate gate;

    @Override
    public Map<String, String> start() {
        try {
            mailbox = Mailbox.start(Ports.HOST, 0, 0, null);
            gate = new SmtpGate(mailbox.smtpPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.mailer.host", Ports.HOST,
                "quarkus.mailer.port", Integer.toString(gate.port()),
                LocalInfraTestResource.MAILBOX_URL, mailbox.apiUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(gate, new TestInjector.AnnotatedAndMatchesType(InjectSmtpGate.class, SmtpGate.class));
    }

    @Override
    public void stop() {
        if (gate != null) {
            gate.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }
}
