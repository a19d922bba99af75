package dev.shipnotify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code ./suite bench all}: the startup, webhook-ingest, end-to-end and consumers benchmarks one after the other,
 * then {@code BENCHMARKS.md} at the repository's root with their tables, the ratios to the baselines measured in the
 * same run, the machine, the date and the command.
 */
final class AllBenchmarks {
    private final Benchmarks.Options options;
    private final String arguments;

    AllBenchmarks(Benchmarks.Options options, String arguments) {
        this.options = options;
        this.arguments = arguments;
    }

    void run() throws Exception {
        String started = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        long begin = System.nanoTime();
        List<StartupBenchmark.Result> startup = new StartupBenchmark(options).run();
        System.out.println();
        WebhookIngestBenchmark.Result ingest = new WebhookIngestBenchmark(options).run();
        System.out.println();
        List<EndToEndBenchmark.Result> endToEnd = new EndToEndBenchmark(options).run();
        System.out.println();
        List<ConsumersBenchmark.Result> consumers = new ConsumersBenchmark(options).run();
        double minutes = (System.nanoTime() - begin) / 60e9;

        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `./suite bench " + arguments + "` on ").append(started).append(" (").append(
                String.format("%.0f", minutes)).append(" min), commit `").append(Harness.commit(options.root()))
                .append("`.\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(", Java ").append(System.getProperty("java.version"))
                .append(". Services run as `java ").append(String.join(" ", options.javaOptions()))
                .append(" -jar`; local-infra (the broker and the stores) as `java ")
                .append(String.join(" ", Harness.INFRA_JAVA_OPTIONS)).append("`; everything, load generator "
                        + "included, shares these cores. Every number is as measured in this one run; ratios compare "
                        + "only with baselines of the same run. Rerun it: `./suite bench " + arguments + "` (about "
                        + String.format("%.0f", Math.ceil(minutes)) + " minutes); each benchmark alone: "
                        + "`./suite bench <name>`, options in `./suite bench`.\n\n");

        md.append("## Courier webhook ingest (`webhook-ingest`)\n\n");
        md.append(String.format("%d connections, closed loop, %d rounds of %d s after %d s of warm-up; medians of the "
                        + "rounds. Each webhook is one new, signed scan from one of the five sources.%n%n",
                options.concurrency(), options.rounds(), options.duration().toSeconds(),
                options.warmup().toSeconds()));
        md.append("| target | req/s | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: |\n");
        for (WebhookIngestBenchmark.Summary target : List.of(ingest.baseline(), ingest.webhooks())) {
            md.append(String.format("| %s | %.0f | %.2f | %.2f |%n", target.target(), target.perSecond(),
                    target.p50Millis(), target.p99Millis()));
        }
        ProducerPerformanceTool.Result broker = ingest.broker();
        md.append(String.format("| Kafka's producer performance tool, same broker (acks=all, 1 kB records, %d records) "
                        + "| %.0f | %d | %d |%n%n", broker.records(), broker.perSecond(), broker.p50Millis(),
                broker.p99Millis()));
        md.append(String.format("Webhooks: **%.1f%%** of the bare HTTP server's throughput (p99 %.1f× its p99) and "
                        + "**%.1f%%** of the rate at which the broker itself takes records.%n%n",
                100 * ingest.webhooks().perSecond() / ingest.baseline().perSecond(),
                ingest.webhooks().p99Millis() / ingest.baseline().p99Millis(),
                100 * ingest.webhooks().perSecond() / broker.perSecond()));

        md.append("## Courier webhook to the shopper's email (`end-to-end`)\n\n");
        md.append(String.format("tracking-service and notification-service; each rate for %d s, webhooks on a fixed "
                + "schedule, each the first scan of another parcel and owed one email; latency from the webhook's "
                + "send to the SMTP server's acceptance. First, unmeasured, %d s at the first rate warm the services "
                + "up.%n%n",
                options.scanPeriod().toSeconds(), options.warmup().toSeconds()));
        md.append("| scans/s offered | webhooks | answered/s | not 200 | emails | answered 200, no email | p50 ms "
                + "| p99 ms | max ms |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (EndToEndBenchmark.Result r : endToEnd) {
            md.append(String.format("| %d | %d | %.0f | %d | %d | %d | %d | %d | %d |%n", r.rate(), r.webhooks(),
                    r.answeredPerSecond(), r.notAnswered200(), r.emails(), r.lost(),
                    r.latency().getValueAtPercentile(50), r.latency().getValueAtPercentile(99),
                    r.latency().getMaxValue()));
        }
        md.append("\nWhere the time goes: from the webhook's send to its status change on `shipment-updated` "
                + "(tracking-service: the webhook, MongoDB, the outbox relay), then from there to the SMTP server's "
                + "acceptance (notification-service: consumer, PostgreSQL, sender). Both from the record's broker "
                + "timestamp.\n\n| scans/s offered | to shipment-updated p50 ms | p99 ms | then to email p50 ms | "
                + "p99 ms |\n| ---: | ---: | ---: | ---: | ---: |\n");
        for (EndToEndBenchmark.Result r : endToEnd) {
            md.append(String.format("| %d | %d | %d | %d | %d |%n", r.rate(), r.toPublished().getValueAtPercentile(50),
                    r.toPublished().getValueAtPercentile(99), r.toEmail().getValueAtPercentile(50),
                    r.toEmail().getValueAtPercentile(99)));
        }
        md.append("\nanswered/s is the rate's webhooks over the time from the first send to the last answer. A webhook "
                + "not answered 200 within 30 s (not 200) was not acknowledged: a courier sends it again, and its "
                + "email may or may not have gone out. Answered 200 with no email would be a lost message. Where a "
                + "rate is more than the suite takes on this machine, the queue shows in the latency and in the "
                + "webhooks not answered in time.\n\n");

        md.append("## Consumers (`consumers`)\n\n");
        md.append(String.format("%d events waiting on the topic before the first service starts (and those the warm "
                + "rounds before it added, for the next ones); events per second while its group catches up, from a "
                + "cold start (as after a restart: the JIT's warm-up is in it), then warm: %d more put on the topic at "
                + "once while it runs. One service at a time.%n%n", options.events(), options.events()));
        md.append("| consumer | topic | cold events/s | warm events/s | warm, share of the baseline |\n"
                + "| --- | --- | ---: | ---: | ---: |\n");
        double plain = consumers.get(0).warm();
        for (ConsumersBenchmark.Result r : consumers) {
            md.append(String.format("| %s | %s | %.0f | %.0f | %.1f%% |%n", r.consumer(), r.topic(), r.cold(),
                    r.warm(), 100 * r.warm() / plain));
        }

        md.append("\n## Startup and memory (`startup`)\n\n");
        md.append(String.format("Median of %d starts each, one service at a time: from `java -jar` to "
                + "`/q/health/ready` answering 200, resident memory then, and the stop on SIGTERM.%n%n",
                options.rounds()));
        md.append("| service | to ready ms | RSS MiB | stop ms |\n| --- | ---: | ---: | ---: |\n");
        for (StartupBenchmark.Result r : startup) {
            md.append(String.format("| %s | %d | %d | %d |%n", r.service(), r.readyMillis(), r.residentMiB(),
                    r.stopMillis()));
        }
        md.append("\n## Fault scenarios (`./suite faults`)\n\nNot a benchmark: what each scenario loses or sends "
                + "twice, and the last full-size run on this machine, are in the README under \"Break it on "
                + "purpose\".\n");
        Path file = options.root().resolve("BENCHMARKS.md");
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.printf("%nWrote %s%n", file);
    }

    /** Total memory from /proc/meminfo (Linux), or "memory unknown". */
    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0) + " GiB";
                }
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return "memory unknown";
    }
}
