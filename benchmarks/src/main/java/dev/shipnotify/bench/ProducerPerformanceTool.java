package dev.shipnotify.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code kafka-producer-perf-test} ({@code ProducerPerformance} from the kafka-tools jar), run as a
 * process of its own against a broker, as fast as it can ({@code --throughput -1}), with {@code acks=all}: what the
 * broker takes on this machine, the ceiling of anything that publishes to it.
 */
final class ProducerPerformanceTool {
    private static final String MAIN = "org.apache.kafka.tools.ProducerPerformance";
    /** Its last line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P ms 50th, ..." */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th");

    record Result(long records, double perSecond, double megabytesPerSecond, long p50Millis, long p99Millis) {
    }

    private ProducerPerformanceTool() {
    }

    static Result run(int kafkaPort, String topic, int records, int recordSize, Path work)
            throws IOException, InterruptedException {
        Path output = work.resolve("kafka-producer-perf-test.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), MAIN, "--topic", topic, "--num-records",
                Integer.toString(records), "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=127.0.0.1:" + kafkaPort, "acks=all")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("kafka-producer-perf-test did not finish within 5 min");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher summary = SUMMARY.matcher(lines.get(i));
            if (summary.find()) {
                return new Result(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(2)),
                        Double.parseDouble(summary.group(3)), Long.parseLong(summary.group(6)),
                        Long.parseLong(summary.group(8)));
            }
        }
        throw new IllegalStateException("kafka-producer-perf-test printed no summary (exit " + process.exitValue()
                + "):\n" + String.join("\n", lines));
    }
}
