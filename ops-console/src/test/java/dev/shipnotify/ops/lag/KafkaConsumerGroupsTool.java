package dev.shipnotify.ops.lag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's own {@code kafka-consumer-groups --describe} ({@code ConsumerGroupCommand} from the kafka-tools jar), run as a
 * process of its own on this test's class path, and its table read back.
 */
final class KafkaConsumerGroupsTool {
    private static final String MAIN = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";

    /** One row of the tool's table. */
    record Row(long currentOffset, long logEndOffset, long lag) {
    }

    private KafkaConsumerGroupsTool() {
    }

    /** The tool's rows for the group, by partition; fails with the tool's output if it did not answer. */
    static Map<TopicPartition, Row> describe(String bootstrapServers, String group)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("kafka-consumer-groups", ".out");
        try {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), MAIN, "--bootstrap-server", bootstrapServers,
                    "--describe", "--group", group)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kafka-consumer-groups did not finish within 60 s");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kafka-consumer-groups exited " + process.exitValue() + ":\n" + printed);
            }
            Map<TopicPartition, Row> rows = new HashMap<>();
            // GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID
            for (String line : printed.lines().toList()) {
                List<String> cells = List.of(line.trim().split("\\s+"));
                if (cells.size() >= 6 && cells.get(0).equals(group) && cells.get(2).matches("\\d+")) {
                    rows.put(new TopicPartition(cells.get(1), Integer.parseInt(cells.get(2))),
                            new Row(Long.parseLong(cells.get(3)), Long.parseLong(cells.get(4)),
                                    Long.parseLong(cells.get(5))));
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("kafka-consumer-groups printed no row for " + group + ":\n" + printed);
            }
            return rows;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
