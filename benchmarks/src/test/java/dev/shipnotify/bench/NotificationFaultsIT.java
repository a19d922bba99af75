package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.contracts.Topics;
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
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notification-service killed (SIGKILL) or stopped (SIGTERM) in the middle of a stream of shipment events, then
 * started again; its providers failing: the SMTP server down for minutes, the WhatsApp Cloud API answering rate
 * limits and server errors; a second instance joining and leaving the group again and again. Every shopper gets
 * each message owed, and none twice. Real broker, PostgreSQL and
 * WhatsApp sandbox (one local-infra process), the SMTP server in a local-infra process of its own (its mail kept on
 * disk, so it can be killed and come back), the packaged service as a process of its own.
 *
 * <p>Orders go through placed, shipped, a second in-transit scan (which tells nobody), out for delivery and
 * delivered: four shipment events per order, and four emails and four WhatsApp messages owed. The events are all
 * on the broker before the service has worked through a fraction of them, so the crash lands mid-stream, with
 * messages being consumed, queued and sent at once.
 */
class NotificationFaultsIT {
    private static final String GROUP = "notification-service";
    /**
     * Sends under way at once: {@code notification.sender.workers} batches of {@code notification.sender.batch-size}
     * (the defaults); a crash can cut each of them short.
     */
    private static final int IN_FLIGHT = 2 * 16;
    private static final int SHIPMENT_EVENTS = Faults.size(1_000, 10_000);

    private static Faults faults;
    private static JavaProcess infra;
    private static JavaProcess smtp;
    private static int mailboxPort;
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
        mailboxPort = Ports.freePort();
        whatsappPort = Ports.freePort();
        infra = faults.harness.startInfra(faults.work.resolve("stores"), "kafka,postgres,whatsapp", kafkaPort, Map.of(
                InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                InfraSettings.POSTGRES_DATABASES, "notifications",
                InfraSettings.WHATSAPP_PORT, Integer.toString(whatsappPort)));
        smtp = startSmtp();
        mailbox = new MailboxClient("http://127.0.0.1:" + mailboxPort);
        whatsapp = new SandboxClient("http://127.0.0.1:" + whatsappPort);
        admin = Harness.admin(kafkaPort);
    }

    @AfterAll
    static void stopInfra() {
        if (admin != null) {
            admin.close();
        }
        if (smtp != null) {
            smtp.close();
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

        Outcome outcome = awaitAll(journeys);
        Faults.report("kill -9 notification-service", "%d shipment events, killed after %d of %d messages, ready "
                        + "again in %.1f s; email: lost %d, copies %d (distinct Message-IDs twice: %d), WhatsApp: lost "
                        + "%d, copies %d; dead-lettered %d; drained %.1f s after the restart",
                SHIPMENT_EVENTS, copiesBeforeCrash, owed, restartSeconds, outcome.lostEmails, outcome.emailCopies,
                outcome.emailIdDuplicates, outcome.lostWhatsApps, outcome.whatsappCopies, outcome.deadLettered,
                (System.nanoTime() - restartBegan) / 1e9);

        assertThat(outcome.lostEmails).as("emails lost").isZero();
        assertThat(outcome.lostWhatsApps).as("WhatsApp messages lost").isZero();
        // The documented window: a message the server accepted before its SENT row committed goes once more, with
        // the same Message-ID; at most one per send under way when the crash came.
        assertThat(outcome.emailIdDuplicates).as("emails sent twice under different Message-IDs").isZero();
        assertThat(outcome.emailCopies + outcome.whatsappCopies).as("copies sent again after the crash")
                .isLessThanOrEqualTo(IN_FLIGHT);
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

        Outcome outcome = awaitAll(journeys);
        Faults.report("SIGTERM notification-service", "%d shipment events, stopped after %d of %d messages in %.1f s "
                        + "(exit %d); email: lost %d, copies %d; WhatsApp: lost %d, copies %d; dead-lettered %d",
                SHIPMENT_EVENTS, acceptedAtStop, owed, stopped.toMillis() / 1e3, exit, outcome.lostEmails,
                outcome.emailCopies, outcome.lostWhatsApps, outcome.whatsappCopies, outcome.deadLettered);

        assertThat(outcome.lostEmails + outcome.lostWhatsApps).as("messages lost").isZero();
        assertThat(outcome.emailCopies + outcome.whatsappCopies).as("messages sent twice").isZero();
        assertThat(outcome.deadLettered).as("records dead-lettered").isZero();
    }

    @Test
    void smtpDownAndWhatsAppStormsDeliverEverythingOnceAfterwards() throws Exception {
        Duration outage = Duration.ofSeconds(Faults.size(60, 120));
        ParcelJourneys journeys = new ParcelJourneys(Faults.size(100, 500));
        // The Cloud API's storms: rate limits first, then server errors, each the answer to the next sends.
        int rateLimited = Faults.size(20, 100);
        int serverErrors = Faults.size(30, 150);
        whatsapp.failNext(130429, rateLimited);
        whatsapp.failNext(131000, serverErrors * 2 / 3, 500);
        whatsapp.failNext(2, serverErrors / 3, 503);
        smtp.kill();
        long owed;
        try {
            owed = publish(journeys);
            // The fault lasts this long, whatever the service does meanwhile.
            TimeUnit.NANOSECONDS.sleep(outage.toNanos());
        } finally {
            smtp = startSmtp();
        }
        long back = System.nanoTime();

        Outcome outcome = awaitAll(journeys);
        long blocked = service.logLinesWith("has been blocked for");
        Faults.report("SMTP down, WhatsApp 429/5xx", "%d orders, %d messages; SMTP server down %d s; WhatsApp sends "
                        + "answered %d × 130429, %d × 5xx; email: lost %d, twice %d; WhatsApp: lost %d, twice %d; "
                        + "all out %.1f s after the "
                        + "SMTP server came back; dead-lettered %d; event-loop blocked warnings %d",
                journeys.orders(), owed, outage.toSeconds(), rateLimited, serverErrors, outcome.lostEmails,
                outcome.emailCopies, outcome.lostWhatsApps, outcome.whatsappCopies, (System.nanoTime() - back) / 1e9,
                outcome.deadLettered, blocked);

        assertThat(outcome.lostEmails + outcome.lostWhatsApps).as("messages lost").isZero();
        assertThat(outcome.emailCopies + outcome.whatsappCopies).as("messages sent twice").isZero();
        assertThat(outcome.deadLettered).as("records dead-lettered").isZero();
        assertThat(blocked).as("Vert.x warnings of a blocked event loop").isZero();
    }

    @Test
    void membersJoiningAndLeavingTheGroupLoseNothingAndSendNothingTwice() throws Exception {
        Duration storm = Duration.ofSeconds(Faults.size(60, 120));
        ParcelJourneys journeys = new ParcelJourneys(Faults.size(250, 1_250));
        ExecutorService background = Executors.newFixedThreadPool(2);
        Future<?> published = background.submit(() -> {
            publish(journeys, storm);
            return null;
        });
        // A bare member of the group joins every 5 s and leaves 5 s later, committing nothing: each time the group
        // rebalances twice, and what it fetched goes back to notification-service.
        AtomicInteger bareRebalances = new AtomicInteger();
        long end = System.nanoTime() + storm.toNanos();
        Future<?> bare = background.submit(() -> {
            while (System.nanoTime() < end) {
                joinAndLeave(Duration.ofSeconds(5));
                bareRebalances.addAndGet(2);
                TimeUnit.SECONDS.sleep(5);
            }
            return null;
        });
        // And a second instance of the service joins (once it started, which takes longer than 5 s here) and leaves.
        int secondPort = Ports.freePort();
        int instanceRebalances = 0;
        long timeouts = 0;
        while (System.nanoTime() < end) {
            JavaProcess second = faults.harness.startService(faults.work, "notification-service", secondPort,
                    NotificationsBenchmark.environment(kafkaPort, postgresPort, smtpPort, whatsappPort));
            TimeUnit.SECONDS.sleep(5);
            assertThat(second.terminate(Duration.ofSeconds(30))).as("second instance stopped within 30 s").isNotNull();
            instanceRebalances += 2;
            timeouts += second.logLinesWith("TimeoutException");
            TimeUnit.SECONDS.sleep(5);
        }
        published.get();
        bare.get();
        background.shutdown();

        Outcome outcome = awaitAll(journeys);
        timeouts += service.logLinesWith("TimeoutException");
        Faults.report("rebalance storm", "%d shipment events over %d s; %d rebalances (%d by a bare member, %d by a "
                        + "second instance); email: lost %d, copies %d (distinct Message-IDs twice: %d; provider "
                        + "timeouts %d); WhatsApp: lost %d, twice %d; dead-lettered %d",
                journeys.orders() * 4, storm.toSeconds(), bareRebalances.get() + instanceRebalances,
                bareRebalances.get(), instanceRebalances, outcome.lostEmails, outcome.emailCopies,
                outcome.emailIdDuplicates, timeouts, outcome.lostWhatsApps, outcome.whatsappCopies,
                outcome.deadLettered);

        assertThat(outcome.lostEmails + outcome.lostWhatsApps).as("messages lost").isZero();
        // An email is sent again only when the SMTP server's answer did not come within the mailer's timeout (the
        // documented window; this machine's 2 cores are saturated here), and then with the same Message-ID.
        assertThat(outcome.emailIdDuplicates).as("emails sent twice under different Message-IDs").isZero();
        assertThat(outcome.emailCopies).as("email copies without a provider timeout to explain them")
                .isLessThanOrEqualTo(timeouts);
        assertThat(outcome.whatsappCopies).as("WhatsApp messages sent twice").isZero();
        assertThat(outcome.deadLettered).as("records dead-lettered").isZero();
    }

    /** A plain consumer in notification-service's group for {@code stay}: it fetches, commits nothing, and leaves. */
    private static void joinAndLeave(Duration stay) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The group's assignor, or the member could not join.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            member.subscribe(List.of(Topics.ORDER_PLACED, Topics.SHIPMENT_UPDATED, Topics.DELIVERED));
            long leave = System.nanoTime() + stay.toNanos();
            while (System.nanoTime() < leave) {
                member.poll(Duration.ofMillis(500));
            }
        }
    }

    private static JavaProcess startSmtp() {
        return faults.harness.startInfra(faults.work.resolve("smtp"), "smtp", Ports.freePort(), Map.of(
                InfraSettings.SMTP_PORT, Integer.toString(smtpPort),
                InfraSettings.MAILBOX_HTTP_PORT, Integer.toString(mailboxPort)));
    }

    private JavaProcess start() {
        JavaProcess started = faults.harness.startService(faults.work, "notification-service", servicePort,
                NotificationsBenchmark.environment(kafkaPort, postgresPort, smtpPort, whatsappPort));
        whatsapp.statusWebhook("http://127.0.0.1:" + servicePort + "/webhooks/whatsapp",
                NotificationsBenchmark.APP_SECRET);
        return started;
    }

    /** Every order's events, all at once; returns the messages owed (4 emails + 4 WhatsApp messages per order). */
    private long publish(ParcelJourneys journeys) {
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            publisher.publishAll(events(journeys));
        }
        return owed(journeys);
    }

    /** Every order's events at a steady pace over {@code period}. */
    private void publish(ParcelJourneys journeys, Duration period) throws InterruptedException {
        List<Record> events = events(journeys);
        long begin = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            for (int n = 0; n < events.size(); n++) {
                long wait = begin + period.toNanos() * n / events.size() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                publisher.publish(events.get(n));
            }
        }
    }

    private static long owed(ParcelJourneys journeys) {
        return 2L * ParcelJourneys.STAGES.length * journeys.orders();
    }

    /** The orders first, then each order's shipment events in stage order (the second in-transit scan tells nobody). */
    private static List<Record> events(ParcelJourneys journeys) {
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
        return events;
    }

    private void awaitSent(long count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> accepted() >= count);
    }

    private static long missing(ParcelJourneys.Counts counts) {
        return ParcelJourneys.Counts.missing(counts.emails()) + ParcelJourneys.Counts.missing(counts.whatsapps());
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
    private Outcome awaitAll(ParcelJourneys journeys) throws Exception {
        // Every order and stage reached on both channels, not merely as many messages as owed: copies must not
        // stand in for a message still to come (a crashed sender's rows wait for their lease to run out).
        try {
            await().atMost(Duration.ofMinutes(Faults.FULL ? 30 : 10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Harness.groupLag(admin, GROUP) == 0
                            && missing(journeys.count(mailbox.messages(), whatsapp.messages())) == 0);
        } catch (ConditionTimeoutException e) {
            // Counted below: the assertions name what is missing.
        }
        ParcelJourneys.Counts counts = journeys.count(mailbox.messages(), whatsapp.messages());
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
