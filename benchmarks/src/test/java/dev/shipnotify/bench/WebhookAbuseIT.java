package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * Courier webhooks an attacker or a broken courier would send, to the packaged tracking-service, for each of the
 * five sources: forged (every authenticating header altered), replayed (a valid delivery sent again), oversized
 * (2 MiB, properly signed) and malformed (a fuzzer's bodies, properly signed: cut short, random bytes, the wrong
 * JSON shape or types, 10,000 levels of nesting, bytes that are not UTF-8). None may answer 5xx, a forged or
 * oversized one is refused, and none puts anything on the broker or in the store: afterwards {@code
 * shipment-updated} and the scans hold exactly what the valid deliveries made.
 */
class WebhookAbuseIT {
    private static final int FUZZED_PER_SOURCE = Faults.size(60, 500);
    private static final long ORIGIN = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();

    private int trackingPort;

    @Test
    void forgedReplayedOversizedAndMalformedWebhooksNeverAnswer5xxNorReachTheBroker() throws Exception {
        Faults faults = new Faults("webhook-abuse");
        int kafkaPort = Ports.freePort();
        int mongoPort = Ports.freePort();
        trackingPort = Ports.freePort();
        try (JavaProcess infra = faults.harness.startInfra(faults.work, "kafka,mongo", kafkaPort, Map.of(
                        InfraSettings.MONGO_PORT, Integer.toString(mongoPort), InfraSettings.MONGO_STORE, "memory"));
                JavaProcess tracking = faults.harness.startService(faults.work, "tracking-service", trackingPort,
                        WebhookIngestBenchmark.trackingEnvironment(kafkaPort, mongoPort));
                Admin admin = Harness.admin(kafkaPort)) {
            CourierSenders[] sources = CourierSenders.values();
            String[] numbers = new String[sources.length];
            for (int s = 0; s < sources.length; s++) {
                numbers[s] = String.format("ABUSE%08d", s);
            }
            WebhookIngestBenchmark.seed(kafkaPort, trackingPort, numbers);

            Map<String, Integer> statuses = new TreeMap<>();
            Random random = new Random(20261202);
            long valid = 0;
            for (int s = 0; s < sources.length; s++) {
                CourierSenders source = sources[s];
                // One valid delivery (scan 0: the parcel's first status), which the abuse then plays with.
                LoadGenerator.Request delivery = source.request(numbers[s], 0, ORIGIN);
                assertThat(send(delivery)).as("valid %s webhook", source.source).isEqualTo(200);
                valid++;

                record(statuses, "forged", send(forged(delivery)));
                record(statuses, "replayed", send(delivery));
                byte[] oversized = oversized(delivery.body().getBytes());
                record(statuses, "oversized", send(signed(source, delivery, oversized)));
                for (int f = 0; f < FUZZED_PER_SOURCE; f++) {
                    byte[] fuzzed = fuzz(delivery.body().getBytes(), random);
                    record(statuses, "malformed", send(signed(source, delivery, fuzzed)));
                }
            }
            // A last valid delivery: its change being published means the relay went round after all the above.
            LoadGenerator.Request last = sources[0].request(numbers[0], 4, ORIGIN);
            assertThat(send(last)).isEqualTo(200);
            valid++;
            long expectedChanges = sources.length + 1;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Harness.records(admin, Topics.SHIPMENT_UPDATED) >= expectedChanges);
            long published = Harness.records(admin, Topics.SHIPMENT_UPDATED);
            long stored;
            try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
                stored = mongo.getDatabase("tracking").getCollection("scans").countDocuments();
            }
            long abusive = statuses.values().stream().mapToLong(Integer::longValue).sum();
            long errors = statuses.entrySet().stream().filter(e -> e.getKey().matches(".* 5\\d\\d"))
                    .mapToLong(Map.Entry::getValue).sum();
            Faults.report("webhook abuse", "%d abusive webhooks over %d sources (answers: %s); 5xx: %d; scans stored "
                            + "%d (valid deliveries %d); shipment-updated records %d (status changes %d)", abusive,
                    sources.length, statuses, errors, stored, valid, published, expectedChanges);

            assertThat(errors).as("5xx answers").isZero();
            assertThat(statuses.keySet()).as("forged or oversized webhooks accepted").noneMatch(key -> key.matches(
                    "(forged|oversized) 2\\d\\d"));
            assertThat(stored).as("scans stored").isEqualTo(valid);
            assertThat(published).as("records on shipment-updated").isEqualTo(expectedChanges);
            assertThat(tracking.isAlive()).isTrue();
        }
    }

    private static void record(Map<String, Integer> statuses, String kind, int status) {
        statuses.merge(kind + " " + status, 1, Integer::sum);
    }

    /** The server may close the connection on a body it refuses to read: -1, which is not a 5xx. */
    private int send(LoadGenerator.Request request) throws InterruptedException {
        return Faults.post(trackingPort, request, Duration.ofSeconds(30));
    }

    /**
     * Every header that authenticates the delivery altered: the last character of its value changed to one that
     * differs in any case, since a hex signature reads the same in upper and lower case ("…a" to "…A" is no
     * forgery).
     */
    private static LoadGenerator.Request forged(LoadGenerator.Request delivery) {
        Map<String, String> headers = new TreeMap<>(delivery.headers());
        headers.replaceAll((name, value) -> name.equalsIgnoreCase("Content-Type") ? value
                : value.substring(0, value.length() - 1)
                        + (Character.toLowerCase(value.charAt(value.length() - 1)) == 'a' ? "b" : "a"));
        return new LoadGenerator.Request(delivery.method(), delivery.path(), headers, delivery.body());
    }

    /** This body, signed as the source signs. */
    private static LoadGenerator.Request signed(CourierSenders source, LoadGenerator.Request delivery, byte[] body) {
        return new LoadGenerator.Request(delivery.method(), delivery.path(),
                source.headers(body, Instant.now().getEpochSecond()), Buffer.buffer(body));
    }

    /** The delivery with 2 MiB of padding in an extra field: still JSON, far over the limit. */
    private static byte[] oversized(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return ("{\"padding\": \"" + "x".repeat(2 << 20) + "\", " + text.substring(text.indexOf('{') + 1))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One of the fuzzer's bodies, from a valid one. */
    private static byte[] fuzz(byte[] body, Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Arrays.copyOf(body, 1 + random.nextInt(body.length - 2));
            case 1 -> {
                byte[] noise = new byte[1 + random.nextInt(300)];
                random.nextBytes(noise);
                yield noise;
            }
            case 2 -> List.of("[]", "null", "\"scan\"", "42", "{}", "{\"trackingNumber\": {}}", "")
                    .get(random.nextInt(7)).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                // Bytes that are not UTF-8 in the middle of the JSON.
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = random.nextInt(body.length);
                out.write(body, 0, at);
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, 0, 3);
                out.write(body, at, body.length - at);
                yield out.toByteArray();
            }
            case 5 -> {
                // A string value's quote removed: JSON that does not parse.
                String text = new String(body, StandardCharsets.UTF_8);
                List<Integer> quotes = new ArrayList<>();
                for (int i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
                    quotes.add(i);
                }
                int cut = quotes.get(random.nextInt(quotes.size()));
                yield (text.substring(0, cut) + text.substring(cut + 1)).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                // Every number turned into an object: the right shape, the wrong types.
                String text = new String(body, StandardCharsets.UTF_8);
                yield text.replaceAll(":\\s*(-?\\d+(\\.\\d+)?)", ": {\"n\": $1}").replace("\": \"", "\": [\"")
                        .replaceAll("\"(,|\\s*})", "\"]$1").getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
