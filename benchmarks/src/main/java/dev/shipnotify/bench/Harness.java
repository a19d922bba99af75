package dev.shipnotify.bench;

import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.LocalInfra;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What every benchmark does around its own requests, so that their tables compare: starts local-infra, the
 * packaged service and the bare baseline server as processes, measures service and baseline in alternating rounds
 * (the machine's drift hits both), and prints the header, one row per round and the medians.
 */
final class Harness {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String ROW = "%-6s %-34s %9s %8s %8s %8s %8s %7s%n";

    private final String benchmark;
    private final Benchmarks.Options options;

    Harness(String benchmark, Benchmarks.Options options) {
        this.benchmark = benchmark;
        this.options = options;
    }

    /**
     * The stores' own heap: local-infra stands in for Kafka and the databases and is not what is measured, and the
     * memory store of the MongoDB wire server holds every document on this heap.
     */
    static final List<String> INFRA_JAVA_OPTIONS = List.of("-Xmx2g");

    /**
     * local-infra with these parts, Kafka on {@code kafkaPort}, data and log in {@code work}; {@code more} sets the
     * parts (and may fix the controller port, for a broker that is restarted).
     */
    JavaProcess startInfra(Path work, String parts, int kafkaPort, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.put(InfraSettings.PARTS, parts);
        environment.put(InfraSettings.DATA_DIR, work.resolve("data").toString());
        environment.put(InfraSettings.KAFKA_PORT, Integer.toString(kafkaPort));
        environment.putIfAbsent(InfraSettings.KAFKA_CONTROLLER_PORT, Integer.toString(Ports.freePort()));
        JavaProcess infra = JavaProcess.start("local-infra",
                concat(INFRA_JAVA_OPTIONS, LocalInfra.standaloneArguments(Path.of(artifact("local-infra")))),
                environment, work.resolve("local-infra.log"));
        infra.awaitLine(LocalInfra.READY_LINE, START_TIMEOUT);
        return infra;
    }

    /** local-infra with every part, each on a free port; closing it stops local-infra. */
    record Infra(JavaProcess process, int kafkaPort, int postgresPort, int mongoPort, int smtpPort, int mailboxPort,
            int whatsappPort) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** {@link #startInfra} with every part: the broker, both PostgreSQL databases, MongoDB, SMTP and WhatsApp. */
    Infra startWholeInfra(Path work) {
        int kafkaPort = Ports.freePort();
        int postgresPort = Ports.freePort();
        int mongoPort = Ports.freePort();
        int smtpPort = Ports.freePort();
        int mailboxPort = Ports.freePort();
        int whatsappPort = Ports.freePort();
        JavaProcess process = startInfra(work, "kafka,postgres,mongo,smtp,whatsapp", kafkaPort, Map.of(
                InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                InfraSettings.POSTGRES_DATABASES, "orders,notifications",
                InfraSettings.MONGO_PORT, Integer.toString(mongoPort),
                InfraSettings.MONGO_STORE, "memory",
                InfraSettings.SMTP_PORT, Integer.toString(smtpPort),
                InfraSettings.MAILBOX_HTTP_PORT, Integer.toString(mailboxPort),
                InfraSettings.WHATSAPP_PORT, Integer.toString(whatsappPort)));
        return new Infra(process, kafkaPort, postgresPort, mongoPort, smtpPort, mailboxPort, whatsappPort);
    }

    /**
     * The packaged service of {@code module} on {@code port}, once its readiness check answers 200. Its log is
     * {@code <module>.log} in {@code work}, or {@code <module>-2.log}, ... when it is started again.
     */
    JavaProcess startService(Path work, String module, int port, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // As in ./suite up: trace ids travel, but no span is exported (there is no collector to take them).
        all.putIfAbsent("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0");
        Path log = work.resolve(module + ".log");
        for (int run = 2; Files.exists(log); run++) {
            log = work.resolve(module + "-" + run + ".log");
        }
        JavaProcess service = JavaProcess.start(module,
                concat(options.javaOptions(), List.of("-jar", artifact(module))), all, log);
        service.awaitHttp200("http://127.0.0.1:" + port + "/q/health/ready", START_TIMEOUT);
        return service;
    }

    JavaProcess startBareServer(Path work, int port) {
        JavaProcess bare = JavaProcess.start("bare HTTP server",
                concat(options.javaOptions(), List.of("-cp", System.getProperty("java.class.path"),
                        BareHttpServer.class.getName(),
                        Integer.toString(port))),
                Map.of(), work.resolve("bare-http-server.log"));
        bare.awaitLine("bare HTTP server listening on 127.0.0.1:" + port, START_TIMEOUT);
        return bare;
    }

    /** The machine, the commit and the processes; for HTTP load ({@link #measure}) also its connections and rounds. */
    void printHeader(boolean httpRounds) {
        System.out.printf("%s benchmark · %s · %d cores · Java %s · commit %s%n", benchmark,
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                commit(options.root()));
        System.out.printf("measured processes: java %s · local-infra: java %s%n", String.join(" ", options.javaOptions()),
                String.join(" ", INFRA_JAVA_OPTIONS));
        if (httpRounds) {
            System.out.printf("load: %d connections, closed loop, one event loop in the benchmark's JVM, on the same "
                    + "cores; each round: %d s warm-up, then %d s measured; the targets take turns%n",
                    options.concurrency(), options.warmup().toSeconds(), options.duration().toSeconds());
        }
        System.out.println();
    }

    /** The rounds, baseline first in each, one row per target and round; then the medians and the ratios. */
    void measure(LoadGenerator load, Target baseline, Target service) {
        System.out.printf(ROW, "round", "target", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        for (int round = 1; round <= options.rounds(); round++) {
            for (Target target : List.of(baseline, service)) {
                LoadGenerator.Result result = load.run(target.port, options.concurrency(), options.warmup(),
                        options.duration(), target.expectedStatus, target.requests(round));
                target.results.add(result);
                printRow(Integer.toString(round), target.name, result);
                if (result.firstError() != null) {
                    System.out.println("       first error: " + abbreviate(result.firstError()));
                }
            }
        }
        printSummary(baseline, service);
    }

    private static void printRow(String round, String target, LoadGenerator.Result r) {
        System.out.printf(ROW, round, target, String.format("%.0f", r.perSecond()),
                String.format("%.2f", r.percentileMillis(50)), String.format("%.2f", r.percentileMillis(90)),
                String.format("%.2f", r.percentileMillis(99)), String.format("%.1f", r.maxMillis()), r.errors());
    }

    private void printSummary(Target baseline, Target service) {
        System.out.printf("%nMedian of %d rounds%n", options.rounds());
        String row = "%-40s %9s %8s %8s%n";
        System.out.printf(row, "target", "req/s", "p50 ms", "p99 ms");
        for (Target target : List.of(baseline, service)) {
            System.out.printf(row, target.name, String.format("%.0f", target.median(LoadGenerator.Result::perSecond)),
                    String.format("%.2f", target.median(r -> r.percentileMillis(50))),
                    String.format("%.2f", target.median(r -> r.percentileMillis(99))));
        }
        System.out.printf("%s: %.1f%% of the baseline's throughput; p50 %.1f×, p99 %.1f× the baseline's%n",
                service.name, 100 * service.median(LoadGenerator.Result::perSecond)
                        / baseline.median(LoadGenerator.Result::perSecond),
                service.median(r -> r.percentileMillis(50)) / baseline.median(r -> r.percentileMillis(50)),
                service.median(r -> r.percentileMillis(99)) / baseline.median(r -> r.percentileMillis(99)));
    }

    /**
     * Waits up to 60 s after the load for {@code expected} records on {@code topic} (the outbox relay trails the
     * writes), then says how many arrived: {@code "<n> records on <topic> (<verdict>)"}.
     */
    static String published(int kafkaPort, String topic, long expected, long loadEnded) throws Exception {
        try (Admin admin = admin(kafkaPort)) {
            long published = 0;
            long deadline = loadEnded + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                published = records(admin, topic);
                if (published >= expected) {
                    break;
                }
                Thread.sleep(100);
            }
            return String.format("%d records on %s (%s)", published, topic, published == expected
                    ? String.format("all published %.1f s after the load stopped",
                            (System.nanoTime() - loadEnded) / 1e9)
                    : published < expected ? "MISSING " + (expected - published) + " after 60 s"
                            : "DUPLICATES: " + (published - expected));
        }
    }

    static Admin admin(int kafkaPort) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        return Admin.create(config);
    }

    /** A consumer group's lag over all its partitions: log-end minus committed offset, summed. */
    static long groupLag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var entry : committed.entrySet()) {
            long end = ends.get(entry.getKey()).offset();
            lag += Math.max(0, end - (entry.getValue() == null ? 0 : entry.getValue().offset()));
        }
        return lag;
    }

    /**
     * Waits until {@code group} has committed every record of {@code topic} (it handled them all), at most
     * {@code timeout}; answers how long that took.
     */
    static Duration awaitCaughtUp(int kafkaPort, String group, String topic, Duration timeout) throws Exception {
        long begin = System.nanoTime();
        try (Admin admin = admin(kafkaPort)) {
            while (true) {
                long end = records(admin, topic);
                long committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                        .entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (committed >= end) {
                    return Duration.ofNanos(System.nanoTime() - begin);
                }
                if (System.nanoTime() - begin > timeout.toNanos()) {
                    throw new IllegalStateException(group + " is still " + (end - committed) + " records behind on "
                            + topic + " after " + timeout.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    /** How many records {@code topic} holds (log-end offsets summed; nothing is deleted in these runs). */
    static long records(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** A built artifact, named by ./suite bench as the system property {@code bench.<module>.jar}. */
    private static String artifact(String module) {
        String jar = System.getProperty("bench." + module + ".jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("no " + module + " artifact (" + jar + "); run the benchmark with "
                    + "./suite bench, which builds it");
        }
        return jar;
    }

    /** The repository's commit, {@code -dirty} when it has uncommitted changes. */
    static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").directory(root.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
