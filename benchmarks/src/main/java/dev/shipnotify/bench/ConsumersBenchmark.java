package dev.shipnotify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.process.JavaProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How many events per second each service's consumer handles: {@code --events} events wait on the topic, the
 * packaged service starts, and what it recorded in its own store is counted until it has handled them all, from a
 * cold start (the JIT's warm-up included, as after a restart: "cold"); then as many again are put on the topic at
 * once and counted the same way by the service now running ("warm"). Each service's work is the real one: tracking-service
 * and review-service keep the order (MongoDB), notification-service records
 * the event and its projection (PostgreSQL; the shoppers gave no consent, so nothing is sent: sending is what
 * {@code bench notifications} measures), order-service applies a shipment's news to an order it placed. One service
 * at a time. Baseline, in the same run: a plain Kafka consumer reading the same records and doing nothing with them.
 */
final class ConsumersBenchmark {
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

    private final Harness harness;
    private final int events;

    ConsumersBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("consumers", options);
        this.events = options.events();
    }

    /** One consumer's rates: events it handled per second while catching up, from a cold start and warm. */
    record Result(String consumer, String topic, double cold, double warm) {
    }

    List<Result> run() throws Exception {
        Path work = Directories.createTemp("bench-consumers-");
        harness.printHeader(false);
        List<Result> results = new ArrayList<>();
        try (Harness.Infra infra = harness.startWholeInfra(work);
                MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + infra.mongoPort());
                EventPublisher publisher = new EventPublisher("127.0.0.1:" + infra.kafkaPort(),
                        ParcelJourneys.eventJson())) {
            System.out.printf("workload: %d events waiting on the topic before the consumer starts%n%n", events);
            String merchantId = UUID.randomUUID().toString();
            publisher.publishAll(orders(merchantId));

            String row = "%-40s %-18s %10s %12s %12s%n";
            System.out.printf(row, "consumer", "topic", "events", "cold ev/s", "warm ev/s");
            double plain = plainConsumer(infra.kafkaPort(), Topics.ORDER_PLACED);
            Result baseline = new Result("plain Kafka consumer (baseline)", Topics.ORDER_PLACED, plain, plain);
            System.out.printf(row, baseline.consumer(), baseline.topic(), "", String.format("%.0f", plain),
                    String.format("%.0f", plain));
            results.add(baseline);
            // Each service's warm round adds events that wait for the next service's cold start too: the n-th starts
            // with n times --events.
            Runnable publishWarm = () -> publisher.publishAll(orders(merchantId));
            results.add(measure(work, "tracking-service", Topics.ORDER_PLACED,
                    WebhookIngestBenchmark.trackingEnvironment(infra.kafkaPort(), infra.mongoPort()),
                    () -> mongo.getDatabase("tracking").getCollection("orders").estimatedDocumentCount(),
                    events, publishWarm, row));
            results.add(measure(work, "review-service", Topics.ORDER_PLACED,
                    ReviewsBenchmark.environment(infra.kafkaPort(), infra.mongoPort()),
                    () -> mongo.getDatabase("reviews").getCollection("orders").estimatedDocumentCount(),
                    2 * events, publishWarm, row));
            results.add(measure(work, "notification-service", Topics.ORDER_PLACED,
                    NotificationsBenchmark.environment(infra.kafkaPort(), infra.postgresPort(), infra.smtpPort(),
                            infra.whatsappPort()),
                    () -> count(infra.postgresPort(), "notifications", "select count(*) from processed_event"),
                    3 * events, publishWarm, row));

            // order-service applies shipment news to its own orders: place them first, over its API.
            int orderPort = Ports.freePort();
            List<String[]> placed;
            try (JavaProcess orderService = harness.startService(work, "order-service", orderPort,
                    OrderCreateBenchmark.environment(infra.kafkaPort(), infra.postgresPort()))) {
                placed = placeOrders(orderPort);
            }
            publisher.publishAll(shippedNews(placed));
            // Warm: a second parcel of each order, so a second row per order.
            results.add(measure(work, "order-service", Topics.SHIPMENT_UPDATED,
                    OrderCreateBenchmark.environment(infra.kafkaPort(), infra.postgresPort()),
                    () -> count(infra.postgresPort(), "orders", "select count(*) from order_shipments"),
                    events, () -> publisher.publishAll(shippedNews(placed)), row));
        } finally {
            Directories.deleteRecursively(work);
        }
        return results;
    }

    private List<Record> orders(String merchantId) {
        List<Record> orders = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            orders.add(WebhookIngestBenchmark.order(UUID.randomUUID().toString(), merchantId, "priya@example.com",
                    new OrderPlaced.Consent(false, false)));
        }
        return orders;
    }

    /**
     * Starts the service and counts, every 50 ms, what it has handled in its own store (offsets are committed only
     * every few seconds, too coarse to time by) until it handled the {@code cold} events waiting for it: the cold
     * rate. Then {@code publishWarm} puts {@code --events} more on the topic, and the same count gives the warm rate.
     */
    private Result measure(Path work, String service, String topic, Map<String, String> environment,
            LongSupplier handled, int cold, Runnable publishWarm, String row) throws Exception {
        try (JavaProcess process = harness.startService(work, service, Ports.freePort(), environment)) {
            double coldRate = drain(handled, 0, cold);
            double warmRate = 0;
            if (coldRate > 0) {
                long before = handled.getAsLong();
                publishWarm.run();
                warmRate = drain(handled, before, events);
            }
            System.out.printf(row, service, topic, cold + " + " + events, rate(coldRate), rate(warmRate));
            return new Result(service, topic, coldRate, warmRate);
        }
    }

    /** Events per second from the first of {@code count} more handled to the last; 0 if they were not. */
    private double drain(LongSupplier handled, long before, int count) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long firstAt = 0;
        long done = 0;
        while (done < count && System.nanoTime() < deadline) {
            done = handled.getAsLong() - before;
            if (firstAt == 0 && done > 0) {
                firstAt = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return done < count ? 0 : count / ((System.nanoTime() - firstAt) / 1e9);
    }

    private static String rate(double perSecond) {
        return perSecond > 0 ? String.format("%.0f", perSecond) : "DID NOT CATCH UP in " + DRAIN_TIMEOUT.toMinutes()
                + " min";
    }

    private static long count(int postgresPort, String database, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/"
                + database, "postgres", "postgres"); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0; // the service has not created its tables yet
        }
    }

    /** A consumer of a fresh group reads the topic from the beginning to its end; records per second. */
    private static double plainConsumer(int kafkaPort, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long read = 0;
            long begin = 0;
            long expected = consumer.endOffsets(consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList())
                    .values().stream().mapToLong(Long::longValue).sum();
            while (read < expected) {
                int polled = consumer.poll(Duration.ofMillis(500)).count();
                if (polled > 0 && begin == 0) {
                    begin = System.nanoTime();
                }
                read += polled;
            }
            consumer.commitSync();
            return read / ((System.nanoTime() - begin) / 1e9);
        }
    }

    /** {@code events} orders placed over order-service's API by 8 clients; their ids and merchant. */
    private List<String[]> placeOrders(int port) throws Exception {
        String apiKey = OrderCreateBenchmark.createMerchant(port);
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<String[]> placed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String n = "consumers-" + i;
                sent.add(clients.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + port + "/api/orders"))
                            .header("Authorization", "Bearer " + apiKey)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", n)
                            .POST(HttpRequest.BodyPublishers.ofString(OrderCreateBenchmark.ORDER.formatted(n)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    var body = json.readTree(response.body());
                    placed.add(new String[] {body.path("id").asText(), body.path("merchantId").asText()});
                    return null;
                }));
            }
            for (Future<?> done : sent) {
                done.get();
            }
        } finally {
            clients.shutdown();
        }
        return placed;
    }

    private static List<ShipmentUpdated> shippedNews(List<String[]> orders) {
        List<ShipmentUpdated> updates = new ArrayList<>();
        for (String[] order : orders) {
            Instant scan = Instant.now();
            updates.add(new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, UUID.randomUUID().toString(), order[0],
                    order[1], "Delhivery", "CONS" + updates.size(), ShipmentStatus.IN_TRANSIT, null, null,
                    new Checkpoint(scan, ShipmentStatus.IN_TRANSIT, null, "IT", "In transit",
                            new Location("Bengaluru", "KA", "IN")), LocalDate.now().plusDays(2),
                    "https://track.bench.example/" + updates.size()));
        }
        return updates;
    }
}
