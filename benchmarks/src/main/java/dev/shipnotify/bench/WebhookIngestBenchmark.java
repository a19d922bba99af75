package dev.shipnotify.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.process.JavaProcess;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sustained courier-webhook ingest of the packaged tracking-service on a real Kafka broker and MongoDB wire server:
 * a mix of the five sources, each request one new scan of a registered shipment, next to the bare Vert.x server
 * answering the same requests, in alternating rounds. Afterwards it checks that every scan was stored once and
 * that every status change the scans imply reached {@code shipment-updated} once.
 *
 * <p>Request n (counted over all rounds, warm-ups included) is scan k = n / N of shipment s = n % N, from the
 * shipment's own source, {@code CourierSenders.values()[s % 5]}: the n-th scans of a parcel are N requests apart,
 * so they arrive in order, and each is new. Checkpoint times start 2 h before the run, 10 s apart, so they stay in
 * the past for 720 scans per shipment (e.g. 3.6 million requests on the default 5000 shipments).
 */
final class WebhookIngestBenchmark {
    private static final List<CourierSenders> SENDERS = List.of(CourierSenders.values());
    private static final String REGISTER = "{\"orderId\": \"%s\", \"carrier\": \"%s\", \"trackingNumber\": \"%s\"}";
    private static final int REGISTERING = 16;
    private static final Duration SEED_TIMEOUT = Duration.ofSeconds(120);

    private final Harness harness;
    private final int shipments;
    /** The courier time of checkpoint 0 of every parcel, Unix seconds. */
    private final long origin = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
    private final String[] trackingNumbers;

    WebhookIngestBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("webhook-ingest", options);
        this.shipments = options.shipments();
        this.trackingNumbers = new String[shipments];
        for (int s = 0; s < shipments; s++) {
            trackingNumbers[s] = String.format("BENCH%08d", s);
        }
    }

    /** The medians of the rounds, and the broker's own producer rate measured in the same run. */
    record Result(Summary baseline, Summary webhooks, ProducerPerformanceTool.Result broker) {
    }

    /** Median req/s and latencies of one target. */
    record Summary(String target, double perSecond, double p50Millis, double p99Millis) {
        static Summary of(Target target) {
            return new Summary(target.name, target.median(LoadGenerator.Result::perSecond),
                    target.median(r -> r.percentileMillis(50)), target.median(r -> r.percentileMillis(99)));
        }
    }

    Result run() throws Exception {
        Path work = Directories.createTemp("bench-webhook-ingest-");
        int kafkaPort = Ports.freePort();
        int mongoPort = Ports.freePort();
        int trackingPort = Ports.freePort();
        int barePort = Ports.freePort();
        // The embedded wire server stands in for MongoDB; its H2 file store (the suite's default) costs more CPU
        // than its memory store, and neither is MongoDB. Memory unless INFRA_MONGO_STORE says file.
        String mongoStore = System.getenv(InfraSettings.MONGO_STORE) == null ? "memory"
                : System.getenv(InfraSettings.MONGO_STORE);
        harness.printHeader(true);
        System.out.printf("store: the embedded MongoDB wire server (mongo-java-server), %s store (%s)%n%n", mongoStore,
                InfraSettings.MONGO_STORE);
        try (JavaProcess infra = harness.startInfra(work, "kafka,mongo", kafkaPort,
                        Map.of(InfraSettings.MONGO_PORT, Integer.toString(mongoPort),
                                InfraSettings.MONGO_STORE, mongoStore));
                JavaProcess trackingService = harness.startService(work, "tracking-service", trackingPort,
                        trackingEnvironment(kafkaPort, mongoPort));
                JavaProcess bare = harness.startBareServer(work, barePort);
                LoadGenerator load = new LoadGenerator()) {
            seed(kafkaPort, trackingPort, trackingNumbers);

            Scans toBaseline = new Scans();
            Scans toWebhooks = new Scans();
            Target baseline = new Target("bare HTTP (Vert.x, 201 + JSON)", barePort, 201, round -> toBaseline);
            Target webhooks = new Target("POST /webhooks/{source}, 5 sources", trackingPort, 200,
                    round -> toWebhooks);
            harness.measure(load, baseline, webhooks);
            long loadEnded = System.nanoTime();
            printGoal(baseline, webhooks);
            printStored(kafkaPort, mongoPort, toWebhooks.sent,
                    webhooks.results.stream().mapToLong(LoadGenerator.Result::allErrors).sum(), loadEnded);
            System.out.printf("%nResident memory after the load: tracking-service %d MiB, bare HTTP server %d MiB%n",
                    trackingService.residentKiB() / 1024, bare.residentKiB() / 1024);
            // The broker's own ceiling on this machine, in the same run: Kafka's producer performance tool.
            ProducerPerformanceTool.Result broker = ProducerPerformanceTool.run(kafkaPort, "bench-producer-perf",
                    200_000, 1_000, work);
            System.out.printf("%nKafka's producer performance tool on the same broker (acks=all, 1 kB records, as fast "
                            + "as it can): %.0f records/s, %.1f MB/s, p50 %d ms, p99 %d ms; the webhooks' median rate "
                            + "is "
                            + "%.1f%% of it%n", broker.perSecond(), broker.megabytesPerSecond(), broker.p50Millis(),
                    broker.p99Millis(), 100 * webhooks.median(LoadGenerator.Result::perSecond) / broker.perSecond());
            return new Result(Summary.of(baseline), Summary.of(webhooks), broker);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /**
     * The scans of a run in order, continued from round to round so that each shipment's k keeps growing; one
     * sequence per target, so the baseline is sent the same kind of requests without using up the service's.
     * Called on the load generator's event loop only, one round after the other.
     */
    private final class Scans implements LongFunction<LoadGenerator.Request> {
        long sent;

        @Override
        public LoadGenerator.Request apply(long ignored) {
            long n = sent++;
            int s = (int) (n % shipments);
            return SENDERS.get(s % SENDERS.size()).request(trackingNumbers[s], n / shipments, origin);
        }
    }

    static Map<String, String> trackingEnvironment(int kafkaPort, int mongoPort) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + mongoPort,
                // Its checks would compete for the CPU; nothing here is silent for 48 h anyway.
                "TRACKING_DELAY_CHECK_INTERVAL", "off"));
        SENDERS.forEach(sender -> environment.put(sender.secretVariable(), sender.secret));
        return environment;
    }

    /**
     * A merchant key and one order per shipment on the broker, as order-service would publish them, then one
     * shipment registered per order over the API, retried while tracking-service has not taken the key (401) or
     * the order (409) in yet.
     */
    static void seed(int kafkaPort, int trackingPort, String[] trackingNumbers) throws Exception {
        seed(kafkaPort, trackingPort, trackingNumbers, UUID.randomUUID().toString(), (s, orderId, merchantId) ->
                order(orderId, merchantId, "priya@example.com", new OrderPlaced.Consent(true, true)));
    }

    /** The order of shipment {@code s}, as order-service would publish it. */
    @FunctionalInterface
    interface Orders {
        OrderPlaced of(int s, String orderId, String merchantId);
    }

    /** Merchant {@code merchantId}'s key, an order per shipment (from {@code orders}), each shipment registered. */
    static void seed(int kafkaPort, int trackingPort, String[] trackingNumbers, String merchantId, Orders orders)
            throws Exception {
        long begin = System.nanoTime();
        int shipments = trackingNumbers.length;
        String apiKey = "snk_" + UUID.randomUUID().toString().replace("-", "");
        List<String> orderIds = Stream.generate(() -> UUID.randomUUID().toString()).limit(shipments).toList();
        List<Record> events = new ArrayList<>();
        events.add(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, merchantId,
                UUID.randomUUID().toString(), MerchantKeyChanged.hashOf(apiKey), Instant.now(), null));
        for (int s = 0; s < shipments; s++) {
            events.add(orders.of(s, orderIds.get(s), merchantId));
        }
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            publisher.publishAll(events);
        }

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(REGISTERING);
        try {
            long deadline = System.nanoTime() + SEED_TIMEOUT.toNanos();
            List<Future<Object>> registered = new ArrayList<>();
            for (int s = 0; s < shipments; s++) {
                CourierSenders sender = SENDERS.get(s % SENDERS.size());
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + trackingPort
                                + "/api/shipments"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(REGISTER.formatted(orderIds.get(s), sender.carrier,
                                trackingNumbers[s])))
                        .build();
                registered.add(pool.submit(() -> register(client, request, deadline)));
            }
            for (Future<Object> done : registered) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("Seeded in %.1f s: 1 merchant key and %d orders on the broker, %d shipments registered "
                + "(%s)%n", (System.nanoTime() - begin) / 1e9, shipments, shipments,
                SENDERS.stream().map(s -> s.source + ": " + s.carrier).collect(Collectors.joining(", ")));
        System.out.printf("load: request n is the next scan of shipment n %% %d, from that shipment's source "
                + "(round-robin); one new checkpoint each, with the one before for all but canonical%n%n", shipments);
    }

    private static Object register(HttpClient client, HttpRequest request, long deadline) throws Exception {
        while (true) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return null;
            }
            if ((response.statusCode() == 401 || response.statusCode() == 409) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                continue;
            }
            throw new IllegalStateException("registering a shipment answered " + response.statusCode() + ": "
                    + Harness.abbreviate(response.body()));
        }
    }

    /** An order of one item as order-service publishes it. */
    static OrderPlaced order(String orderId, String merchantId, String email, OrderPlaced.Consent consent) {
        Money price = new Money(new BigDecimal("4999.00"), "INR");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderId, merchantId, Instant.now(),
                new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom Orders", "orders@kesari.example",
                        "help@kesari.example", "+918045671234", "https://cdn.kesari.example/logo.png", "#C2410C",
                        "en-IN", null),
                new OrderPlaced.Customer("Priya Sharma", email, "+919876543210", "hi-IN", "Asia/Kolkata", consent),
                List.of(new OrderPlaced.Item("KH-SAR-0042", "Banarasi silk saree", 1, price,
                        "https://cdn.kesari.example/p/KH-SAR-0042.jpg")), price,
                new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
    }

    /** The goal set in the issue, met or not: a line to read, not an exit code. */
    private static void printGoal(Target baseline, Target webhooks) {
        double share = webhooks.median(LoadGenerator.Result::perSecond)
                / baseline.median(LoadGenerator.Result::perSecond);
        double p99 = webhooks.median(r -> r.percentileMillis(99));
        System.out.printf("Target: at least 40%% of the baseline's throughput and p99 under 50 ms: %s (%.1f%%, p99 "
                + "%.2f ms)%n", share >= 0.4 && p99 < 50 ? "MET" : "NOT MET", 100 * share, p99);
    }

    /**
     * Every webhook answered 200 added exactly one scan (its other checkpoint is the one before, stored already),
     * and each shipment's scans imply its status changes: {@link CourierSenders#changesStatus}.
     */
    private void printStored(int kafkaPort, int mongoPort, long sent, long failed, long loadEnded) throws Exception {
        long expectedChanges = 0;
        for (int s = 0; s < shipments; s++) {
            long scansOfShipment = sent / shipments + (s < sent % shipments ? 1 : 0);
            for (long k = 0; k < scansOfShipment; k++) {
                expectedChanges += CourierSenders.changesStatus(k) ? 1 : 0;
            }
        }
        long stored;
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            stored = mongo.getDatabase("tracking").getCollection("scans").countDocuments();
        }
        long expectedScans = sent - failed;
        // A refused scan may still arrive as the next webhook's history: with failures the counts are estimates.
        String estimate = failed == 0 ? "" : " (estimated: not every webhook was answered 200)";
        System.out.printf("%nAfter the load: %d webhooks sent (warm-ups included), %d not answered 200; up to scan "
                + "k = %d of a shipment%n", sent, failed, (sent - 1) / shipments);
        System.out.printf("  %d scans in MongoDB (tracking.scans), %d expected%s: %s%n", stored, expectedScans,
                estimate, stored == expectedScans ? "OK" : stored < expectedScans
                        ? "MISSING " + (expectedScans - stored) : "EXTRA " + (stored - expectedScans));
        System.out.printf("  %s; %d status changes expected%s%n",
                Harness.published(kafkaPort, Topics.SHIPMENT_UPDATED, expectedChanges, loadEnded), expectedChanges,
                estimate);
    }
}
