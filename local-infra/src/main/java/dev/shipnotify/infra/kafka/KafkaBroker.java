package dev.shipnotify.infra.kafka;

import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.LogLevels;
import dev.shipnotify.infra.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka broker (broker and controller roles) running inside this JVM.
 * In-JVM rather than a child process: a test resource then has nothing to reap, and the
 * standalone local-infra is already its own process.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Internal topics are created on first use; fewer than the default 50 partitions makes that quick. */
    private static final int INTERNAL_TOPIC_PARTITIONS = 10;
    private static final Duration TOPIC_CREATION_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;
    private final Path temporaryLogDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaRaftServer server, int port, int controllerPort, Path temporaryLogDir) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
        this.temporaryLogDir = temporaryLogDir;
    }

    /**
     * Starts the broker and creates every topic of {@link Topics#ALL} that is missing.
     *
     * @param port client port, 0 for a free one
     * @param controllerPort KRaft controller port, 0 for a free one
     * @param logDir where the log lives and survives restarts; null for a temporary one deleted on close
     * @param partitions partitions of the suite's topics and of auto-created ones (dead-letter topics)
     */
    public static KafkaBroker start(int port, int controllerPort, Path logDir, int partitions) throws IOException {
        quietLogging();
        Path temporary = logDir == null ? Directories.createTemp("local-infra-kafka") : null;
        Path dir = logDir == null ? temporary : logDir.toAbsolutePath();
        int brokerPort = Ports.resolve(port);
        int quorumPort = Ports.resolve(controllerPort);
        Properties props = brokerProperties(brokerPort, quorumPort, dir, partitions);
        KafkaRaftServer server = null;
        try {
            Files.createDirectories(dir);
            // A formatted directory keeps its cluster id and data; formatting again would fail.
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(props, dir);
            }
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, brokerPort, quorumPort, temporary);
            broker.createMissingTopics(Topics.ALL, partitions);
            return broker;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException shutdownFailure) {
                    e.addSuppressed(shutdownFailure);
                }
            }
            Directories.deleteRecursively(temporary);
            throw new IOException("Kafka broker on " + Ports.HOST + ":" + brokerPort + " did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        Directories.deleteRecursively(temporaryLogDir);
    }

    private static Properties brokerProperties(int port, int controllerPort, Path logDir, int partitions) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + Ports.HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + Ports.HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", Integer.toString(partitions));
        props.put("auto.create.topics.enable", "true");
        // One node: every internal topic can have one replica only.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        // Consumers in tests join one at a time; waiting for more members only slows them down.
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private static void format(Properties props, Path logDir) throws IOException {
        Path config = Files.createTempFile("local-infra-kafka", ".properties");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "local-infra broker, for formatting only");
            }
            // execute, never main: main ends the JVM.
            int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IOException("formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** Creates those of the topics that do not exist yet, and returns once every partition of them has a leader. */
    private void createMissingTopics(List<String> topics, int partitions) throws IOException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "local-infra-topics");
        long deadline = System.nanoTime() + TOPIC_CREATION_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    List<NewTopic> missing = topics.stream()
                            .filter(topic -> !existing.contains(topic))
                            .map(topic -> new NewTopic(topic, partitions, (short) 1))
                            .toList();
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                    if (allPartitionsLed(admin, topics)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    if (!isTransient(cause) || System.nanoTime() > deadline) {
                        throw new IOException("cannot create topics " + topics + ": " + cause.getMessage(), cause);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the partitions of " + topics + " have no leader after "
                            + TOPIC_CREATION_TIMEOUT.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating topics", e);
        }
    }

    /**
     * Whether every partition of the topics has its leader. Until then a producer's first batch for a partition can
     * be refused while a later one is taken; the idempotent producer then waits out its delivery timeout on a
     * sequence the broker will never accept (seen seeding a broker that had just started).
     */
    private static boolean allPartitionsLed(Admin admin, List<String> topics)
            throws ExecutionException, TimeoutException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    /**
     * A broker that has just started may not be registered and unfenced yet (no broker to place a
     * replica on), and a concurrent creator may win the race: both pass if we try again.
     */
    private static boolean isTransient(Throwable cause) {
        return cause instanceof RetriableException
                || cause instanceof InvalidReplicationFactorException
                || cause instanceof TopicExistsException
                || cause instanceof TimeoutException;
    }

    /** Kafka logs every config and state change at INFO; a local run and a test only want trouble. */
    private static void quietLogging() {
        LogLevels.set(Level.WARNING, "kafka", "org.apache.kafka", "state.change.logger");
        // It warns "Performing controller activation ... metadata log appears to be empty" on every normal
        // start of a single-node quorum, which reads like trouble; its errors still show.
        LogLevels.set(Level.SEVERE, "org.apache.kafka.controller.QuorumController");
    }
}
