package dev.shipnotify.infra;

import dev.shipnotify.infra.kafka.KafkaBroker;
import dev.shipnotify.infra.mail.Mailbox;
import dev.shipnotify.infra.mongo.MongoWireServer;
import dev.shipnotify.infra.postgres.PostgresServer;
import dev.shipnotify.infra.whatsapp.WhatsAppSandbox;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the selected servers on 127.0.0.1 and closes them again. Used by the standalone process
 * ({@link #main}, what {@code ./suite up} runs) and by {@code LocalInfraTestResource}.
 */
public final class LocalInfra implements AutoCloseable {
    /** The standalone run prints this line last; {@code ./suite up} waits for it. */
    public static final String READY_LINE = "local-infra ready";

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

    private final InfraSettings settings;
    private final Map<Part, AutoCloseable> started = Collections.synchronizedMap(new EnumMap<>(Part.class));
    private final CountDownLatch closedSignal = new CountDownLatch(1);
    private boolean closed;

    private LocalInfra(InfraSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts every selected part; Kafka and PostgreSQL, the slow ones, start side by side. If one part
     * fails, the ones already running are closed before the error is thrown.
     *
     * @throws Ports.PortInUseException before anything starts, if a configured port is taken
     */
    public static LocalInfra start(InfraSettings settings) throws IOException {
        LocalInfra infra = new LocalInfra(settings);
        infra.startParts();
        return infra;
    }

    public InfraSettings settings() {
        return settings;
    }

    public KafkaBroker kafka() {
        return part(Part.KAFKA, KafkaBroker.class);
    }

    public PostgresServer postgres() {
        return part(Part.POSTGRES, PostgresServer.class);
    }

    public MongoWireServer mongo() {
        return part(Part.MONGO, MongoWireServer.class);
    }

    public Mailbox mailbox() {
        return part(Part.SMTP, Mailbox.class);
    }

    public WhatsAppSandbox whatsapp() {
        return part(Part.WHATSAPP, WhatsAppSandbox.class);
    }

    /** One line per running part with the address a client needs. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        if (settings.has(Part.KAFKA)) {
            lines.add(line("kafka", kafka().bootstrapServers()
                    + "  (" + settings.partitions() + " partitions per topic, controller port " + kafka().controllerPort() + ")"));
        }
        if (settings.has(Part.POSTGRES)) {
            String urls = settings.postgresDatabases().stream().map(postgres()::jdbcUrl).collect(Collectors.joining(" "));
            lines.add(line("postgres", urls + "  (user postgres, password postgres, trust auth)"));
        }
        if (settings.has(Part.MONGO)) {
            lines.add(line("mongo", mongo().connectionString()));
        }
        if (settings.has(Part.SMTP)) {
            lines.add(line("smtp", Ports.HOST + ":" + mailbox().smtpPort() + "  (mailbox " + mailbox().apiUrl() + ")"));
        }
        if (settings.has(Part.WHATSAPP)) {
            lines.add(line("whatsapp", whatsapp().url() + "  (token " + settings.whatsappToken() + ")"));
        }
        return lines;
    }

    /** Closes every started part, last started first; safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Part> order = new ArrayList<>(started.keySet());
        Collections.reverse(order);
        for (Part part : order) {
            try {
                started.remove(part).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.label(), e.toString());
            }
        }
        closedSignal.countDown();
    }

    /**
     * What follows {@code java} to run the packaged jar standalone: the jar and the dependencies the build copied
     * to {@code lib/} beside it.
     */
    public static List<String> standaloneArguments(Path jar) {
        return List.of("-cp", jar + File.pathSeparator + jar.resolveSibling("lib").resolve("*"),
                LocalInfra.class.getName());
    }

    public static void main(String[] args) {
        StandaloneLogging.configure();
        long begin = System.nanoTime();
        InfraSettings settings;
        try {
            settings = InfraSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("local-infra: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalInfra infra = new LocalInfra(settings);
        // Registered before starting, so Ctrl-C during start-up still stops PostgreSQL (a child process).
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "local-infra-shutdown"));
        try {
            infra.startParts();
        } catch (IOException | RuntimeException e) {
            System.err.println("local-infra: " + e.getMessage());
            // Kafka's threads are not daemons; exit runs the hook, which closes whatever did start.
            System.exit(1);
            return;
        }
        // stdout is the contract with ./suite: the summary, then the ready line. Logs go to stderr.
        System.out.println("local-infra started in " + (System.nanoTime() - begin) / 1_000_000 + " ms, data in "
                + settings.dataDir().toAbsolutePath().normalize());
        infra.summary().forEach(line -> System.out.println("  " + line));
        System.out.println(READY_LINE);
        System.out.flush();
        // Not every part has a non-daemon thread (PostgreSQL alone has none): main keeps the JVM up
        // until SIGTERM / Ctrl-C runs the shutdown hook.
        infra.awaitClosed();
    }

    private void awaitClosed() {
        try {
            closedSignal.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds the monitor that close() needs, so a shutdown hook waits for start-up and then closes everything. */
    private synchronized void startParts() throws IOException {
        if (settings.has(Part.POSTGRES) && settings.dataDir() != null) {
            // A killed earlier run (kill -9) may have left its PostgreSQL behind, holding the port and the data.
            PostgresServer.stopOrphan(settings.dataDirOf("postgres"));
        }
        checkPortsFree();
        ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, settings.parts().size()));
        IOException failure = null;
        try {
            Map<Part, Future<AutoCloseable>> starting = new EnumMap<>(Part.class);
            for (Part part : settings.parts()) {
                starting.put(part, starter.submit(() -> startPart(part)));
            }
            // Collect every outcome, even after a failure, so each part that did start gets closed.
            for (Map.Entry<Part, Future<AutoCloseable>> entry : starting.entrySet()) {
                try {
                    started.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    IOException cause = asIoException(entry.getKey(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("interrupted while starting", e);
        } finally {
            starter.shutdown();
        }
        if (failure != null) {
            close();
            throw failure;
        }
    }

    private AutoCloseable startPart(Part part) throws IOException {
        long begin = System.nanoTime();
        AutoCloseable running = doStartPart(part);
        LOG.info("{} started in {} ms", part.label(), (System.nanoTime() - begin) / 1_000_000);
        return running;
    }

    private AutoCloseable doStartPart(Part part) throws IOException {
        return switch (part) {
            case KAFKA -> KafkaBroker.start(settings.kafkaPort(), settings.kafkaControllerPort(),
                    settings.dataDirOf("kafka"), settings.partitions());
            case POSTGRES -> PostgresServer.start(settings.postgresPort(), settings.dataDirOf("postgres"),
                    settings.postgresDatabases());
            case MONGO -> MongoWireServer.start(settings.mongoPort(), settings.mongoFile());
            case SMTP -> Mailbox.start(Ports.HOST, settings.smtpPort(), settings.mailboxHttpPort(), settings.dataDirOf("mail"));
            case WHATSAPP -> WhatsAppSandbox.start(Ports.HOST, settings.whatsappPort(), settings.whatsappToken(),
                    settings.dataDirOf("whatsapp"));
        };
    }

    private void checkPortsFree() {
        if (settings.has(Part.KAFKA)) {
            Ports.requireFree(InfraSettings.KAFKA_PORT, settings.kafkaPort());
            Ports.requireFree(InfraSettings.KAFKA_CONTROLLER_PORT, settings.kafkaControllerPort());
        }
        if (settings.has(Part.POSTGRES)) {
            Ports.requireFree(InfraSettings.POSTGRES_PORT, settings.postgresPort());
        }
        if (settings.has(Part.MONGO)) {
            Ports.requireFree(InfraSettings.MONGO_PORT, settings.mongoPort());
        }
        if (settings.has(Part.SMTP)) {
            Ports.requireFree(InfraSettings.SMTP_PORT, settings.smtpPort());
            Ports.requireFree(InfraSettings.MAILBOX_HTTP_PORT, settings.mailboxHttpPort());
        }
        if (settings.has(Part.WHATSAPP)) {
            Ports.requireFree(InfraSettings.WHATSAPP_PORT, settings.whatsappPort());
        }
    }

    private <T> T part(Part part, Class<T> type) {
        AutoCloseable running = started.get(part);
        if (running == null) {
            throw new IllegalStateException(part.label() + " is not running (parts: " + settings.parts() + ")");
        }
        return type.cast(running);
    }

    private static IOException asIoException(Part part, Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        return new IOException(part.label() + " did not start: " + cause.getMessage(), cause);
    }

    private static String line(String part, String address) {
        return String.format("%-9s %s", part, address);
    }
}
