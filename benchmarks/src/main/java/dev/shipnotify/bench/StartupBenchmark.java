package dev.shipnotify.bench;

import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each packaged service takes from {@code java -jar} to its readiness check answering 200, how much memory
 * it holds then (resident set), and how long it takes to stop on SIGTERM; {@code --rounds} starts of each, one
 * service at a time, against one local-infra with every store. Nothing else runs meanwhile, so these are the
 * numbers of a quiet machine.
 */
final class StartupBenchmark {
    private final Harness harness;
    private final int rounds;

    StartupBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("startup", options);
        this.rounds = options.rounds();
    }

    /** One service's medians over the rounds. */
    record Result(String service, long readyMillis, long residentMiB, long stopMillis) {
    }

    List<Result> run() throws Exception {
        Path work = Directories.createTemp("bench-startup-");
        harness.printHeader(false);
        List<Result> results = new ArrayList<>();
        try (Harness.Infra infra = harness.startWholeInfra(work)) {
            Map<String, Map<String, String>> services = new LinkedHashMap<>();
            services.put("order-service", OrderCreateBenchmark.environment(infra.kafkaPort(), infra.postgresPort()));
            services.put("tracking-service",
                    WebhookIngestBenchmark.trackingEnvironment(infra.kafkaPort(), infra.mongoPort()));
            services.put("notification-service",
                    NotificationsBenchmark.environment(infra.kafkaPort(), infra.postgresPort(), infra.smtpPort(),
                            infra.whatsappPort()));
            services.put("review-service", ReviewsBenchmark.environment(infra.kafkaPort(), infra.mongoPort()));
            services.put("ops-console", Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + infra.kafkaPort()));

            String row = "%-22s %6s %12s %10s %10s%n";
            System.out.printf(row, "service", "round", "to ready ms", "RSS MiB", "stop ms");
            for (var service : services.entrySet()) {
                long[] ready = new long[rounds];
                long[] resident = new long[rounds];
                long[] stop = new long[rounds];
                for (int round = 0; round < rounds; round++) {
                    int port = Ports.freePort();
                    long begin = System.nanoTime();
                    JavaProcess process = harness.startService(work, service.getKey(), port, service.getValue());
                    ready[round] = (System.nanoTime() - begin) / 1_000_000;
                    resident[round] = process.residentKiB() / 1024;
                    Duration stopped = process.terminate(Duration.ofSeconds(30));
                    stop[round] = stopped == null ? -1 : stopped.toMillis();
                    if (stopped == null) {
                        process.close();
                    }
                    System.out.printf(row, service.getKey(), round + 1, ready[round], resident[round], stop[round]);
                }
                results.add(new Result(service.getKey(), median(ready), median(resident), median(stop)));
            }
            System.out.printf("%nMedian of %d starts%n", rounds);
            String summary = "%-22s %12s %10s %10s%n";
            System.out.printf(summary, "service", "to ready ms", "RSS MiB", "stop ms");
            results.forEach(r -> System.out.printf(summary, r.service(), r.readyMillis(), r.residentMiB(),
                    r.stopMillis()));
        } finally {
            Directories.deleteRecursively(work);
        }
        return results;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
