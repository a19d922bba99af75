package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.process.JavaProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker killed (SIGKILL) and restarted, or paused (SIGSTOP) and resumed, while tracking-service takes
 * courier webhooks. The broker runs in a local-infra process of its own, with its log on disk, so it can die and
 * come back on the same ports with what it had; MongoDB's wire server runs in another. Couriers retry a webhook
 * that was not answered 2xx, as they do. Afterwards every webhook is stored once and every status change it made
 * is on {@code shipment-updated} once.
 */
class BrokerFaultsIT {
    private static final int SENDERS = 8;
    private static final long ORIGIN = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();

    private static Faults faults;
    private static JavaProcess broker;
    private static JavaProcess stores;
    private static JavaProcess tracking;
    private static int kafkaPort;
    private static int controllerPort;
    private static int mongoPort;
    private static int trackingPort;

    @BeforeAll
    static void start() {
        faults = new Faults("broker-faults");
        kafkaPort = Ports.freePort();
        controllerPort = Ports.freePort();
        mongoPort = Ports.freePort();
        trackingPort = Ports.freePort();
        broker = startBroker();
        stores = faults.harness.startInfra(faults.work.resolve("stores"), "mongo", Ports.freePort(), Map.of(
                InfraSettings.MONGO_PORT, Integer.toString(mongoPort), InfraSettings.MONGO_STORE, "memory"));
        tracking = faults.harness.startService(faults.work, "tracking-service", trackingPort,
                WebhookIngestBenchmark.trackingEnvironment(kafkaPort, mongoPort));
    }

    @AfterAll
    static void stop() {
        for (JavaProcess process : new JavaProcess[] {tracking, stores, broker}) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static JavaProcess startBroker() {
        return faults.harness.startInfra(faults.work.resolve("broker"), "kafka", kafkaPort,
                Map.of(InfraSettings.KAFKA_CONTROLLER_PORT, Integer.toString(controllerPort)));
    }

    @Test
    void killedBrokerLosesNoWebhookAndPublishesEachChangeOnce() throws Exception {
        int webhooks = Faults.size(1_000, 5_000);
        Parcels parcels = new Parcels("KILL", webhooks / 5);
        WebhookRun run = parcels.send(webhooks, n -> {
            if (n == webhooks / 3) {
                broker.kill();
            } else if (n == webhooks * 2 / 3) {
                broker = startBroker();
            }
        });
        parcels.awaitPublished(run, Duration.ofSeconds(60));
        Check check = parcels.check(run);
        Faults.report("kill -9 broker under webhooks", "%d webhooks (%d answers not 2xx, retried), broker killed after "
                        + "%d and back after %d; scans stored %d of %d; status changes published %d of %d, twice %d",
                webhooks, run.retried.get(), webhooks / 3, webhooks * 2 / 3, check.stored, webhooks, check.published,
                check.expectedChanges, check.publishedTwice);

        assertThat(check.stored).as("scans stored, one per webhook answered 2xx").isEqualTo(webhooks);
        assertThat(check.published).as("status changes on shipment-updated").isEqualTo(check.expectedChanges);
        assertThat(check.publishedTwice).as("status changes published twice").isZero();
    }

    @Test
    void pausedBrokerTurnsHealthDownThenUpAndTheBacklogDrains() throws Exception {
        int webhooks = Faults.size(600, 3_000);
        Parcels parcels = new Parcels("PAUSE", webhooks / 5);
        long pid = tracking.pid();
        long[] resumedAt = new long[1];
        String[] healthWhilePaused = new String[1];
        int[] statusWhilePaused = new int[1];
        WebhookRun run = parcels.send(webhooks, n -> {
            if (n == webhooks / 4) {
                broker.signal("STOP");
                long stoppedAt = System.nanoTime();
                try {
                    int status = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                            .until(() -> Faults.status(trackingPort, "/q/health/ready"), s -> s != 200);
                    statusWhilePaused[0] = status;
                    healthWhilePaused[0] = (status == Faults.TIMED_OUT ? "not ready (probe timed out)"
                            : "DOWN (" + status + ")") + String.format(" %.1f s after SIGSTOP",
                                    (System.nanoTime() - stoppedAt) / 1e9);
                    long pause = Duration.ofSeconds(30).toNanos() - (System.nanoTime() - stoppedAt);
                    if (pause > 0) {
                        TimeUnit.NANOSECONDS.sleep(pause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    broker.signal("CONT");
                    resumedAt[0] = System.nanoTime();
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Faults.status(trackingPort, "/q/health/ready") == 200);
        double upAfter = (System.nanoTime() - resumedAt[0]) / 1e9;
        parcels.awaitPublished(run, Duration.ofSeconds(60));
        double drainedAfter = (System.nanoTime() - resumedAt[0]) / 1e9;
        Check check = parcels.check(run);
        Faults.report("SIGSTOP broker 30 s", "%d webhooks (%d answers not 2xx, retried); readiness %s, "
                        + "UP %.1f s after SIGCONT; backlog published %.1f s after; scans stored %d of %d; changes "
                        + "published %d of %d, twice (same event id) %d; tracking-service pid unchanged: %s",
                webhooks, run.retried.get(), healthWhilePaused[0], upAfter, drainedAfter, check.stored, webhooks,
                check.published, check.expectedChanges, check.publishedTwice,
                tracking.pid() == pid && tracking.isAlive());

        assertThat(statusWhilePaused[0]).as("readiness while the broker is paused: DOWN, answered within the probe's "
                + "3 s").isEqualTo(503);
        assertThat(tracking.isAlive() && tracking.pid() == pid).as("tracking-service ran on, no restart").isTrue();
        assertThat(check.stored).as("scans stored").isEqualTo(webhooks);
        // Not asserted here: a send the paused broker took but did not answer before the relay's timeout is sent
        // again, and both land. The copy has the same event id, which every consumer's inbox drops.
        assertThat(check.published).as("status changes on shipment-updated").isEqualTo(check.expectedChanges);
    }

    /** What the webhooks of a run were: how many scans of each parcel were sent, and how many answers were not 2xx. */
    private record WebhookRun(long[] scansOf, AtomicLong retried) {
    }

    private record Check(long stored, long published, long expectedChanges, long publishedTwice) {
    }

    /** Parcels of one merchant, registered with tracking-service, their numbers unique to the test. */
    private static final class Parcels {
        final String[] numbers;

        Parcels(String prefix, int count) throws Exception {
            numbers = new String[count];
            for (int s = 0; s < count; s++) {
                numbers[s] = String.format("%s%08d", prefix, s);
            }
            WebhookIngestBenchmark.seed(kafkaPort, trackingPort, numbers);
        }

        /**
         * Sends {@code total} webhooks from {@link #SENDERS} threads, request n being scan n / parcels of parcel
         * n % parcels from that parcel's source; a courier retries until it gets a 2xx. {@code beforeRequest} runs
         * on the thread that takes request n, before it sends it.
         */
        WebhookRun send(int total, LongConsumer beforeRequest) throws Exception {
            WebhookRun run = new WebhookRun(new long[numbers.length], new AtomicLong());
            AtomicLong next = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<Object>> senders = new ArrayList<>();
                for (int t = 0; t < SENDERS; t++) {
                    senders.add(pool.submit(() -> {
                        for (long n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                            beforeRequest.accept(n);
                            int s = (int) (n % numbers.length);
                            deliver(CourierSenders.values()[s % CourierSenders.values().length], numbers[s],
                                    n / numbers.length, run);
                            synchronized (run) {
                                run.scansOf[s]++;
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Object> sender : senders) {
                    sender.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return run;
        }

        /** As a courier delivers: again every 500 ms until answered 2xx, for up to 2 minutes. */
        private void deliver(CourierSenders source, String number, long k, WebhookRun run) {
            await().alias("webhook of " + number + " scan " + k).atMost(Duration.ofMinutes(2)).pollInSameThread()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                        LoadGenerator.Request request = source.request(number, k, ORIGIN);
                        if (Faults.post(trackingPort, request, Duration.ofSeconds(10)) / 100 == 2) {
                            return true;
                        }
                        run.retried.incrementAndGet();
                        return false;
                    });
        }

        long expectedChanges(WebhookRun run) {
            long changes = 0;
            for (long scans : run.scansOf) {
                for (long k = 0; k < scans; k++) {
                    changes += CourierSenders.changesStatus(k) ? 1 : 0;
                }
            }
            return changes;
        }

        void awaitPublished(WebhookRun run, Duration within) {
            long expected = expectedChanges(run);
            await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> published().size() >= expected);
        }

        /** This test's records on shipment-updated. */
        List<TopicReader.Record> published() {
            Set<String> mine = Set.of(numbers);
            return new TopicReader("127.0.0.1:" + kafkaPort).readAll(Topics.SHIPMENT_UPDATED, Duration.ofSeconds(30))
                    .stream().filter(r -> mine.contains(trackingNumber(r.value()))).toList();
        }

        Check check(WebhookRun run) {
            long stored;
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                stored = mongo.getDatabase("tracking").getCollection("scans")
                        .countDocuments(Filters.in("trackingNumber", List.of(numbers)));
            }
            List<TopicReader.Record> records = published();
            // A change published twice is the same event (same id) twice; a change made twice would be one more id.
            Set<String> ids = new HashSet<>();
            long twice = records.stream().filter(r -> !ids.add(r.header(CloudEventHeaders.ID))).count();
            return new Check(stored, ids.size(), expectedChanges(run), twice);
        }

        private static String trackingNumber(String json) {
            return field(json, "trackingNumber");
        }

        private static String field(String json, String name) {
            int at = json.indexOf("\"" + name + "\":\"");
            if (at < 0) {
                return "";
            }
            int from = at + name.length() + 4;
            return json.substring(from, json.indexOf('"', from));
        }
    }
}
