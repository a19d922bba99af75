package dev.shipnotify.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.kafka.TopicReader;
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
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The packaged review-service on a real Kafka broker and the MongoDB wire server, in two parts.
 * <ol>
 * <li>Scheduler: {@code --orders} orders are placed and delivered; their requests fall due together
 * ({@code REVIEW_REQUEST_DELAY} after delivery, once every event is consumed), and the scheduler publishes them. It
 * prints requests published per second (from the records' broker timestamps, first to last) next to a baseline:
 * one plain idempotent producer sending as many records of the same size with {@code acks=all}, in the same run.
 * It checks that each order got exactly one request.
 * <li>Aggregates: {@code --reviews} reviews (default 100,000) of one merchant over 200 products, with NPS answers and
 * requests, are written straight into the service's collections; then {@code GET /api/merchants/{id}/ratings} and
 * {@code GET /api/products/{sku}/reviews} are timed one after another, next to a baseline: the merchant's rating
 * distribution aggregated by the benchmark itself with mongodb-driver-sync over the same data.
 * </ol>
 */
final class ReviewsBenchmark {
    private static final Duration DELAY = Duration.ofSeconds(60);
    private static final String GROUP = "review-service";
    private static final String MERCHANT = "bench-merchant";
    private static final int PRODUCTS = 200;
    private static final int TIMED = 30;

    private final Harness harness;
    private final int orders;
    private final int reviews;

    ReviewsBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("reviews", options);
        this.orders = options.orders();
        this.reviews = options.reviews();
    }

    void run() throws Exception {
        Path work = Directories.createTemp("bench-reviews-");
        int kafkaPort = Ports.freePort();
        int mongoPort = Ports.freePort();
        int servicePort = Ports.freePort();
        harness.printHeader(false);
        try (JavaProcess infra = harness.startInfra(work, "kafka,mongo", kafkaPort, Map.of(
                        InfraSettings.MONGO_PORT, Integer.toString(mongoPort),
                        InfraSettings.MONGO_STORE, "memory"));
                JavaProcess service = harness.startService(work, "review-service", servicePort, schedulerEnvironment(
                        kafkaPort, mongoPort));
                MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
            scheduler(kafkaPort);
            aggregates(mongo, servicePort, merchantKey(kafkaPort, servicePort));
            System.out.printf("%nreview-service resident memory at the end: %d MiB%n", service.residentKiB() / 1024);
        }
    }

    private void scheduler(int kafkaPort) throws Exception {
        System.out.printf("Scheduler: %d orders placed and delivered; their requests fall due %d s after delivery%n",
                orders, DELAY.toSeconds());
        String sample;
        List<String> orderIds = new ArrayList<>();
        long publishStart = System.nanoTime();
        Instant deliveredAt = Instant.now();
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            for (int i = 0; i < orders; i++) {
                OrderPlaced order = order();
                orderIds.add(order.orderId());
                publisher.publish(order);
                publisher.publish(new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, UUID.randomUUID().toString(),
                        order.orderId(), MERCHANT, "Delhivery", "BENCH" + i, deliveredAt, null, null));
            }
        }
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        long consumedAt = awaitConsumed(kafkaPort);
        double consumeSeconds = (consumedAt - publishStart) / 1e9;
        System.out.printf("  %d events published in %.1f s; all consumed %.1f s after the first (%.0f events/s)%n",
                2 * orders, publishSeconds, consumeSeconds, 2 * orders / consumeSeconds);
        if (Instant.now().isAfter(deliveredAt.plus(DELAY))) {
            System.out.println("  WARNING: requests fell due before every delivery was consumed; fewer --orders "
                    + "measure the scheduler alone");
        }
        TopicReader reader = new TopicReader("127.0.0.1:" + kafkaPort);
        List<TopicReader.Record> requests = reader.awaitRecords(Topics.REVIEW_REQUESTED, r -> true, orders,
                DELAY.plusMinutes(10));
        sample = requests.get(0).value();
        long distinct = requests.stream().map(TopicReader.Record::key).distinct().count();
        long first = requests.stream().mapToLong(r -> r.timestamp().toEpochMilli()).min().orElseThrow();
        long last = requests.stream().mapToLong(r -> r.timestamp().toEpochMilli()).max().orElseThrow();
        double seconds = Math.max(1, last - first) / 1e3;
        System.out.printf("  review-service: %d requests for %d orders (%s) published in %.2f s: %.0f requests/s%n",
                requests.size(), distinct, requests.size() == orders && distinct == orders ? "one each"
                        : "MISMATCH: expected " + orders, seconds, requests.size() / seconds);
        double baseline = baselineProducer(kafkaPort, sample.length(), orders);
        System.out.printf("  baseline, one producer, acks=all, same record size (%d B): %.0f records/s; "
                + "review-service reaches %.0f %%%n", sample.length(), baseline,
                100 * requests.size() / seconds / baseline);
    }

    /** A merchant API key, issued on merchant-keys as order-service does, once the service accepts it. */
    private static String merchantKey(int kafkaPort, int servicePort) throws Exception {
        String key = "snk_bench_" + UUID.randomUUID();
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            publisher.publish(new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, MERCHANT, "bench-key",
                    MerchantKeyChanged.hashOf(key), Instant.now(), null));
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + servicePort + "/api/merchants/" + MERCHANT + "/ratings");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("review-service did not learn the merchant key within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return key;
    }

    private void aggregates(MongoClient mongo, int servicePort, String key) throws Exception {
        System.out.printf("%nAggregates over %d reviews of one merchant (%d products), %d NPS answers, %d requests%n",
                reviews, PRODUCTS, reviews / 5, reviews);
        long seedStart = System.nanoTime();
        seed(mongo);
        System.out.printf("  seeded straight into MongoDB in %.1f s%n", (System.nanoTime() - seedStart) / 1e9);
        HttpClient http = HttpClient.newHttpClient();
        URI merchant = URI.create("http://127.0.0.1:" + servicePort + "/api/merchants/" + MERCHANT + "/ratings");
        URI product = URI.create("http://127.0.0.1:" + servicePort + "/api/products/SKU-7/reviews?sort=lowest");
        MongoCollection<Document> collection = mongo.getDatabase("reviews").getCollection("reviews");
        Map<String, Callable<Object>> targets = new java.util.LinkedHashMap<>();
        targets.put("baseline: $match+$group by the driver", () -> collection.aggregate(List.of(
                Aggregates.match(Filters.eq("merchantId", MERCHANT)),
                Aggregates.group("$rating", Accumulators.sum("count", 1)))).into(new ArrayList<>()));
        targets.put("GET /api/merchants/{id}/ratings", () -> get(http, merchant, key));
        targets.put("GET /api/products/{sku}/reviews", () -> get(http, product, key));
        System.out.printf("  %-40s %8s %8s %8s %8s%n", "query (" + TIMED + " in a row, after 3 unmeasured)",
                "p50 ms", "p90 ms", "max ms", "req/s");
        for (Map.Entry<String, Callable<Object>> target : targets.entrySet()) {
            Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            for (int i = 0; i < 3; i++) {
                target.getValue().call();
            }
            long start = System.nanoTime();
            for (int i = 0; i < TIMED; i++) {
                long begin = System.nanoTime();
                target.getValue().call();
                latency.recordValue((System.nanoTime() - begin) / 1000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("  %-40s %8.1f %8.1f %8.1f %8.1f%n", target.getKey(),
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(90) / 1e3,
                    latency.getMaxValue() / 1e3, TIMED / seconds);
        }
        System.out.println("  sample answer: " + Harness.abbreviate(get(http, merchant, key)));
    }

    private void seed(MongoClient mongo) {
        var database = mongo.getDatabase("reviews");
        Random random = new Random(42);
        Date base = Date.from(Instant.now().minus(Duration.ofDays(90)));
        List<Document> reviewBatch = new ArrayList<>();
        List<Document> npsBatch = new ArrayList<>();
        List<Document> requestBatch = new ArrayList<>();
        for (int i = 0; i < reviews; i++) {
            String orderId = "bench-order-" + i;
            String sku = "SKU-" + random.nextInt(PRODUCTS);
            Date at = new Date(base.getTime() + i * 60_000L);
            int rating = 1 + Math.min(4, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.5));
            reviewBatch.add(new Document("_id", orderId + "/" + sku).append("orderId", orderId).append("sku", sku)
                    .append("merchantId", MERCHANT).append("rating", 6 - rating).append("comment", "Review " + i)
                    .append("locale", "en-IN").append("source", "EMAIL").append("verifiedPurchase", true)
                    .append("createdAt", at).append("updatedAt", at));
            requestBatch.add(new Document("_id", orderId).append("merchantId", MERCHANT).append("stage", "DONE")
                    .append("version", 2L).append("requestedAt", at).append("respondedAt", i % 3 == 0 ? null : at));
            if (i % 5 == 0) {
                npsBatch.add(new Document("_id", orderId).append("merchantId", MERCHANT)
                        .append("score", random.nextInt(11)).append("at", at));
            }
            if (reviewBatch.size() == 5000) {
                flush(database, reviewBatch, npsBatch, requestBatch);
            }
        }
        flush(database, reviewBatch, npsBatch, requestBatch);
    }

    private static void flush(com.mongodb.client.MongoDatabase database, List<Document> reviews, List<Document> nps,
            List<Document> requests) {
        if (!reviews.isEmpty()) {
            database.getCollection("reviews").insertMany(reviews);
            database.getCollection("review_requests").insertMany(requests);
        }
        if (!nps.isEmpty()) {
            database.getCollection("nps_answers").insertMany(nps);
        }
        reviews.clear();
        nps.clear();
        requests.clear();
    }

    private static String get(HttpClient http, URI uri, String key) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Waits until the service's group has committed everything on its topics; answers System.nanoTime() then. */
    private static long awaitConsumed(int kafkaPort) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        try (Admin admin = Admin.create(config)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : List.of(Topics.ORDER_PLACED, Topics.DELIVERED)) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
                var ends = admin.listOffsets(latest).all().get();
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    lag += end.getValue().offset() - (done == null ? 0 : done.offset());
                }
                if (lag == 0) {
                    return System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IllegalStateException("review-service did not consume the events within 10 minutes");
        }
    }

    /** One producer as the service's relay configures it: acks=all, idempotent, same record size; records/s. */
    private static double baselineProducer(int kafkaPort, int size, int count) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        String value = "x".repeat(size);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("bench-baseline", "warm", value)).get();
            long start = System.nanoTime();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>("bench-baseline", UUID.randomUUID().toString(), value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static OrderPlaced order() {
        Money price = new Money(new BigDecimal("4999.00"), "INR");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, UUID.randomUUID().toString(), MERCHANT, Instant.now(),
                new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom Orders", "orders@kesari.example",
                        "help@kesari.example", "+918045671234", null, "#C2410C", "en-IN", null),
                new OrderPlaced.Customer("Priya Sharma", "shopper-" + UUID.randomUUID() + "@bench.example",
                        "+919800000000", "en-IN", "Asia/Kolkata", new OrderPlaced.Consent(true, true)),
                List.of(new OrderPlaced.Item("KH-SAR-0042", "Banarasi silk saree", 1, price, null),
                        new OrderPlaced.Item("KH-DUP-0007", "Cotton dupatta", 1, price, null)), price,
                new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
    }

    /** review-service on these servers. */
    static Map<String, String> environment(int kafkaPort, int mongoPort) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                "QUARKUS_MONGODB_CONNECTION_STRING", "mongodb://127.0.0.1:" + mongoPort,
                "REVIEW_LINK_SECRET", "bench-review-link-secret-0123456789abcdef");
    }

    /** Requests fall due {@link #DELAY} after delivery, and the scheduler looks every second. */
    private static Map<String, String> schedulerEnvironment(int kafkaPort, int mongoPort) {
        Map<String, String> environment = new HashMap<>(environment(kafkaPort, mongoPort));
        environment.put("REVIEW_REQUEST_DELAY", DELAY.toString());
        environment.put("REVIEW_SCHEDULER_POLL_INTERVAL", "1s");
        return environment;
    }
}
