package dev.shipnotify.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./suite bench <name> [options]}: runs one benchmark and prints its table. Benchmarks start what they
 * measure as processes on free ports with their own temporary data, so a running suite is left alone (but shares
 * the CPU: stop it first for clean numbers).
 */
public final class Benchmarks {
    static final String USAGE = """
            usage: ./suite bench order-create|webhook-ingest|notifications|reviews|end-to-end|consumers|startup|all [options]

              order-create     POST /api/orders of the packaged order-service (real PostgreSQL and Kafka broker)
                               against a bare Vert.x HTTP server, alternating, in the same run
              webhook-ingest   POST /webhooks/{source} of the packaged tracking-service (real MongoDB wire server
                               and Kafka broker), the five courier sources in turn reporting scans of registered
                               shipments, against the same bare server, alternating, in the same run
              notifications    the packaged notification-service (real Kafka broker, PostgreSQL, SMTP server and
                               WhatsApp sandbox): orders' events at a steady rate, messages accepted per second,
                               event-to-acceptance latency, consumer lag; baseline: one plain client thread
              reviews          the packaged review-service (real Kafka broker, MongoDB wire server): review
                               requests the scheduler publishes per second (baseline: one plain producer), then the
                               ratings APIs' latency over --reviews reviews (baseline: the driver's own aggregation)
              end-to-end       courier webhook to the shopper's email through the packaged tracking-service and
                               notification-service, at each of --rates scans/s for --scan-period: webhooks sent on a
                               fixed schedule, emails accepted, latency p50/p90/p99/max
              consumers        each service's consumer catching up with --events events waiting on its topic, in
                               events/s from a cold start and warm (baseline: a plain Kafka consumer reading the
                               same records)
              startup          each packaged service from java -jar to ready, its memory then, and its stop on
                               SIGTERM; --rounds starts each
              all              startup, webhook-ingest, end-to-end and consumers, one after the other, and their
                               tables written to BENCHMARKS.md with the machine, the date and the command

            options:
              --concurrency N    connections kept busy (default 16)
              --rounds N         rounds per target (default 3)
              --warmup 20s       unmeasured load before each measured period, for the JIT (default 20s)
              --duration 20s     measured period of each round (default 20s)
              --java-opts "..."  JVM options of the measured processes (default "-Xmx512m"; env BENCH_JAVA_OPTS)
              --shipments N      webhook-ingest: shipments registered and scanned in turn (default 5000)
              --orders N         notifications: orders, each with 4 events and 8 messages (default 1000);
                                 reviews: orders delivered, each owed one review request (default 1000)
              --events N         consumers: events waiting for each consumer, cold and then warm (default 50000)
              --reviews N        reviews: reviews the aggregates run over (default 100000)
              --rate N           notifications: events published per second (default 50)
              --rates 100,500    end-to-end: the scan rates, one after the other (default 50,100,500,1000)
              --scan-period 10s  end-to-end: how long each rate is sent (default 10s)
            """;

    private static final List<String> NAMES = List.of("order-create", "webhook-ingest", "notifications", "reviews",
            "end-to-end", "consumers", "startup", "all");

    private Benchmarks() {
    }

    /** How to run: the repository root holds the built jars (target/ of each module). */
    record Options(Path root, int concurrency, int rounds, Duration warmup, Duration duration, List<String> javaOptions,
            int shipments, int orders, int events, int rate, int reviews, List<Integer> rates, Duration scanPeriod) {

        static Options parse(List<String> args, Path root, String javaOptionsFromEnvironment) {
            int concurrency = 16;
            int rounds = 3;
            // The order-service's throughput still climbs after 10 s of load while the JIT compiles Hibernate.
            Duration warmup = Duration.ofSeconds(20);
            Duration duration = Duration.ofSeconds(20);
            int shipments = 5000;
            int orders = 1000;
            int events = 50_000;
            int rate = 50;
            int reviews = 100_000;
            List<Integer> rates = List.of(50, 100, 500, 1000);
            Duration scanPeriod = Duration.ofSeconds(10);
            String javaOptions = javaOptionsFromEnvironment == null || javaOptionsFromEnvironment.isBlank()
                    ? "-Xmx512m" : javaOptionsFromEnvironment;
            for (int i = 0; i < args.size(); i += 2) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(args.get(i) + " needs a value");
                }
                String value = args.get(i + 1);
                switch (args.get(i)) {
                    case "--concurrency" -> concurrency = positive("--concurrency", value);
                    case "--rounds" -> rounds = positive("--rounds", value);
                    case "--warmup" -> warmup = seconds("--warmup", value);
                    case "--duration" -> duration = seconds("--duration", value);
                    case "--java-opts" -> javaOptions = value;
                    case "--shipments" -> shipments = positive("--shipments", value);
                    case "--orders" -> orders = positive("--orders", value);
                    case "--events" -> events = positive("--events", value);
                    case "--rate" -> rate = positive("--rate", value);
                    case "--reviews" -> reviews = positive("--reviews", value);
                    case "--rates" -> rates = Arrays.stream(value.split(",")).map(r -> positive("--rates", r.trim()))
                            .toList();
                    case "--scan-period" -> scanPeriod = seconds("--scan-period", value);
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            return new Options(root, concurrency, rounds, warmup, duration,
                    Arrays.stream(javaOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList(), shipments,
                    orders, events, rate, reviews, rates, scanPeriod);
        }

        private static int positive(String option, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number: " + value);
        }

        /** {@code 20s} or {@code 20}: whole seconds. */
        private static Duration seconds(String option, String value) {
            return Duration.ofSeconds(positive(option, value.endsWith("s") ? value.substring(0, value.length() - 1)
                    : value));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !NAMES.contains(args[0])) {
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length),
                    Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize(),
                    System.getenv("BENCH_JAVA_OPTS"));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        switch (args[0]) {
            case "order-create" -> new OrderCreateBenchmark(options).run();
            case "webhook-ingest" -> new WebhookIngestBenchmark(options).run();
            case "reviews" -> new ReviewsBenchmark(options).run();
            case "end-to-end" -> new EndToEndBenchmark(options).run();
            case "consumers" -> new ConsumersBenchmark(options).run();
            case "startup" -> new StartupBenchmark(options).run();
            case "all" -> new AllBenchmarks(options, String.join(" ", args)).run();
            default -> new NotificationsBenchmark(options).run();
        }
        // Vert.x and Kafka client threads are not all daemons.
        System.exit(0);
    }
}
