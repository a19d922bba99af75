package dev.shipnotify.infra;

import dev.shipnotify.contracts.Topics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What to start and where. Port 0 means "pick a free port"; a null data directory means nothing
 * survives close (memory stores and temporary directories).
 */
public record InfraSettings(
        Set<Part> parts,
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int partitions,
        int postgresPort,
        List<String> postgresDatabases,
        int mongoPort,
        boolean mongoInMemory,
        int smtpPort,
        int mailboxHttpPort,
        int whatsappPort,
        String whatsappToken) {

    public static final String PARTS = "INFRA_PARTS";
    public static final String DATA_DIR = "INFRA_DATA_DIR";
    public static final String KAFKA_PORT = "INFRA_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "INFRA_KAFKA_CONTROLLER_PORT";
    public static final String PARTITIONS = "INFRA_PARTITIONS";
    public static final String POSTGRES_PORT = "INFRA_POSTGRES_PORT";
    public static final String POSTGRES_DATABASES = "INFRA_POSTGRES_DATABASES";
    public static final String MONGO_PORT = "INFRA_MONGO_PORT";
    /** {@code file} (the default: an H2 file under the data directory) or {@code memory} (nothing kept). */
    public static final String MONGO_STORE = "INFRA_MONGO_STORE";
    public static final String SMTP_PORT = "INFRA_SMTP_PORT";
    public static final String MAILBOX_HTTP_PORT = "INFRA_MAILBOX_HTTP_PORT";
    public static final String WHATSAPP_PORT = "INFRA_WHATSAPP_PORT";
    public static final String WHATSAPP_TOKEN = "INFRA_WHATSAPP_TOKEN";

    public static final String DEFAULT_WHATSAPP_TOKEN = "sandbox-token";

    public InfraSettings {
        parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
        postgresDatabases = List.copyOf(postgresDatabases);
        if (partitions < 1) {
            throw new IllegalArgumentException(PARTITIONS + " must be at least 1: " + partitions);
        }
    }

    /**
     * The standalone run's settings: each name is read as a system property first, then as an
     * environment variable, then the documented default.
     */
    public static InfraSettings fromEnvironment() {
        return from(name -> {
            String property = System.getProperty(name);
            return property != null ? property : System.getenv(name);
        });
    }

    static InfraSettings from(UnaryOperator<String> lookup) {
        Settings read = new Settings(lookup);
        return new InfraSettings(
                Part.parse(read.text(PARTS, "kafka,postgres,mongo,smtp,whatsapp")),
                Path.of(read.text(DATA_DIR, ".suite/data")),
                read.port(KAFKA_PORT, 9092),
                read.port(KAFKA_CONTROLLER_PORT, 9093),
                read.number(PARTITIONS, Topics.DEFAULT_PARTITIONS),
                read.port(POSTGRES_PORT, 15432),
                read.list(POSTGRES_DATABASES, "orders,notifications"),
                read.port(MONGO_PORT, 27017),
                read.choice(MONGO_STORE, "file", "memory").equals("memory"),
                read.port(SMTP_PORT, 1025),
                read.port(MAILBOX_HTTP_PORT, 8025),
                read.port(WHATSAPP_PORT, 8090),
                read.text(WHATSAPP_TOKEN, DEFAULT_WHATSAPP_TOKEN));
    }

    /** Tests: the given parts on free ports, nothing kept after close. */
    public static InfraSettings forTests(Set<Part> parts, List<String> postgresDatabases) {
        return new InfraSettings(parts, null, 0, 0, Topics.DEFAULT_PARTITIONS, 0, postgresDatabases, 0, true, 0, 0, 0,
                DEFAULT_WHATSAPP_TOKEN);
    }

    public boolean has(Part part) {
        return parts.contains(part);
    }

    /** Where one part keeps its data, or null when nothing is kept. */
    Path dataDirOf(String child) {
        return dataDir == null ? null : dataDir.resolve(child);
    }

    /** The MongoDB wire server's file, or null when it keeps its data in memory. */
    Path mongoFile() {
        return mongoInMemory ? null : dataDirOf("mongo/mongo.mv");
    }

    private record Settings(UnaryOperator<String> lookup) {
        String text(String name, String fallback) {
            String value = lookup.apply(name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int number(String name, int fallback) {
            String value = text(name, Integer.toString(fallback));
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number: " + value);
            }
        }

        int port(String name, int fallback) {
            int port = number(name, fallback);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port (0 = any free one): " + port);
            }
            return port;
        }

        /** One of the allowed words; the first is the default. */
        String choice(String name, String... allowed) {
            String value = text(name, allowed[0]);
            if (!List.of(allowed).contains(value)) {
                throw new IllegalArgumentException(name + " must be one of " + String.join(", ", allowed) + ": " + value);
            }
            return value;
        }

        List<String> list(String name, String fallback) {
            return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    }
}
