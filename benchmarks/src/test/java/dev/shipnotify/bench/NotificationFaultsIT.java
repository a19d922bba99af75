package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.process.JavaProcess;
import dev.shipnotify.infra.whatsapp.SandboxClient;
import dev.shipnotify.infra.whatsapp.SentMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notification-service killed (SIGKILL) or stopped (SIGTERM) in the middle of a stream of shipment events, then
 * started again: every shopper gets each message owed, and none twice. Real broker, PostgreSQL, SMTP server and
 * WhatsApp sandbox (one local-infra process), the packaged service as a process of its own.
 *
 * <p>Orders go through placed, shipped, a second in-transit scan (which tells nobody), out for delivery and
 * delivered: four shipment events per order, and four emails and four WhatsApp messages owed. The events are all
 * on the broker before the service has worked through a fraction of them, so the crash lands mid-stream, with
 * messages being consumed, queued and sent at once.
 */
class NotificationFaultsIT {
    private static final String GROUP = "notification-service";
    /** Sends run side by side ({@code notification.sender.workers}); a crash can cut each of them short. */
    private static final int WORKERS = 4;
    private static final int SHIPMENT_EVENTS = Faults.size(1_000, 10_000);

    private static Faults faults;
    private static JavaProcess infra;
    private static int kafkaPort;
    private static int smtpPort;
    private static int postgresPort;
    private static int whatsappPort;
    private static MailboxClient mailbox;
    private static SandboxClient whatsapp;
    private static Admin admin;

    private final int servicePort = Ports.freePort();
    private JavaProcess service;

    @BeforeAll
    static void startInfra() {
        faults = new Faults("notification-faults");
        kafkaPort = Ports.freePort();
        postgresPort = Ports.freePort();
        smtpPort = Ports.freePort();
        int mailboxPort = Ports.freePort();
        whatsappPort = Ports.freePort();
        infra = faults.harness.startInfra(faults.work, "kafka,postgres,smtp,whatsapp", kafkaPort, Map.of(
                InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                InfraSettings.POSTGRES_DATABASES, "notifications",
                InfraSettings.SMTP_PORT, Integer.toString(smtpPort),
                InfraSettings.MAILBOX_HTTP_PORT, Integer.toString(mailboxPort),
                InfraSettings.WHATSAPP_PORT, Integer.toString(whatsappPort)));
        mailbox = new MailboxClient("http://127.0.0.1:" + mailboxPort);
        whatsapp = new SandboxClient("http://127.0.0.1:" + whatsappPort);
        admin = Faults.admin(kafkaPort);
    }

    @AfterAll
    static void stopInfra() {
        if (admin != null) {
            admin.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @BeforeEach
    void startService() {
        mailbox.deleteAll();
        whatsapp.reset();
        service = start();
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void killedMidStreamLosesNothingAndSendsNothingTwice() throws Exception {
        ParcelJourneys journeys = new ParcelJourneys(SHIPMENT_EVENTS / 4);
        long owed = publish(journeys);

        awaitSent(owed * 2 / 5);
        service.kill();
        long copiesBeforeCrash = accepted();
        long restartBegan = System.nanoTime();
        service = start();
        double restartSeconds = (System.nanoTime() - restartBegan) / 1e9;

        Outcome outcome = awaitAll(journeys, owed);
        Faults.report("kill -9 notification-service", "%d shipment events, killed after %d of %d messages, ready "
                        + "again in %.1f s; email: lost %d, copies %d (distinct Message-IDs twice: %d), WhatsApp: lost "
                        + "%d, copies %d; dead-lettered %d; drained %.1f s after the restart",
                SHIPMENT_EVENTS, copiesBeforeCrash, owed, restartSeconds, outcome.lostEmails, outcome.emailCopies,
                outcome.emailIdDuplicates, outcome.lostWhatsApps, outcome.whatsappCopies, outcome.deadLettered,
                (System.nanoTime() - restartBegan) / 1e9);

        assertThat(outcome.lostEmails).as("emails lost").isZero();
        assertThat(outcome.lostWhatsApps).as("WhatsApp messages lost").isZero();
        // The documented window: a message the server accepted before its SENT row committed goes once more, with
        // the same Message-ID; at most one per sender cut short by the crash.
        assertThat(outcome.emailIdDuplicates).as("emails sent twice under different Message-IDs").isZero();
        assertThat(outcome.emailCopies + outcome.whatsappCopies).as("copies sent again after the crash")
                .isLessThanOrEqualTo(WORKERS);
        assertThat(outcome.deadLettered).as("records dead-lettered").isZero();
    }

    @Test
    void stoppedWithSigtermUnderLoadFinishesOrResumesItsWork() throws Exception {
        ParcelJourneys journeys = new ParcelJourneys(SHIPMENT_EVENTS / 4);
        long owed = publish(journeys);

        awaitSent(owed * 2 / 5);
        Duration stopped = service.terminate(Duration.ofSeconds(30));
        assertThat(stopped).as("notification-service stopped within 30 s of SIGTERM").isNotNull();
        long acceptedAtStop = accepted();
        int exit = service.exitValue();
        service = start();

        Outcome outcome = awaitAll(journeys, owed);
        Faults.report("SIGTERM notification-service", "%d shipment events, stopped after %d of %d messages in %.1f s "
                        + "(exit %d); email: lost %d, copies %d; WhatsApp: lost %d, copies %d; dead-lettered %d",
                SHIPMENT_EVENTS, acceptedAtStop, owed, stopped.toMillis() / 1e3, exit, outcome.lostEmails,
                outcome.emailCopies, outcome.lostWhatsApps, outcome.whatsappCopies, outcome.deadLettered);

        assertThat(outcome.lostEmails + outcome.lostWhatsApps).as("messages lost").isZero();
        assertThat(outcome.emailCopies + outcome.whatsappCopies).as("messages sent twice").isZero();
        assertThat(outcome.deadLettered).as("records dead-lettered").isZero();
    }

    private JavaProcess start() {
        JavaProcess started = faults.harness.startService(faults.work, "notification-service", servicePort,
                NotificationsBenchmark.environment(kafkaPort, postgresPort, smtpPort, whatsappPort));
        whatsapp.statusWebhook("http://127.0.0.1:" + servicePort + "/webhooks/whatsapp",
                NotificationsBenchmark.APP_SECRET);
        return started;
    }

    /** Every order's events, order by order in stage order; returns the messages owed (4 emails + 4 WhatsApp each). */
    private long publish(ParcelJourneys journeys) {
        List<Record> events = new ArrayList<>();
        for (int i = 0; i < journeys.orders(); i++) {
            events.add(journeys.event(0, i));
        }
        for (int i = 0; i < journeys.orders(); i++) {
            events.add(journeys.event(1, i));
            events.add(journeys.transitScan(i));
            events.add(journeys.event(2, i));
            events.add(journeys.event(3, i));
        }
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            publisher.publishAll(events);
        }
        return 2L * ParcelJourneys.STAGES.length * journeys.orders();
    }

    private void awaitSent(long count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> accepted() >= count);
    }

    private static long accepted() {
        return mailbox.messages().size() + whatsapp.messages().size();
    }

    private record Outcome(long lostEmails, long emailCopies, long emailIdDuplicates, long lostWhatsApps,
            long whatsappCopies, long deadLettered) {
    }

    /**
     * Waits until every message owed was accepted and the group has consumed everything, then counts per order and
     * stage what the SMTP server and the sandbox accepted.
     */
    private Outcome awaitAll(ParcelJourneys journeys, long owed) throws Exception {
        await().atMost(Duration.ofMinutes(Faults.FULL ? 30 : 10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> accepted() >= owed && Harness.groupLag(admin, GROUP) == 0);
        List<MailboxClient.Summary> mails = mailbox.messages();
        List<SentMessage> whatsapps = whatsapp.messages();
        ParcelJourneys.Counts counts = journeys.count(mails, whatsapps);
        assertThat(counts.unmatched()).as("accepted messages that match no order and stage").isZero();
        long deadLettered = 0;
        for (String topic : admin.listTopics().names().get()) {
            if (topic.endsWith(".dlq")) {
                deadLettered += Harness.records(admin, topic);
            }
        }
        return new Outcome(ParcelJourneys.Counts.missing(counts.emails()),
                ParcelJourneys.Counts.duplicates(counts.emails()), ParcelJourneys.Counts.duplicates(counts.emailIds()),
                ParcelJourneys.Counts.missing(counts.whatsapps()), ParcelJourneys.Counts.duplicates(counts.whatsapps()),
                deadLettered);
    }
}
