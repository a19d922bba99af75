package dev.shipnotify.infra.quarkus;

import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.LocalInfra;
import dev.shipnotify.infra.Part;
import dev.shipnotify.infra.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real servers for a {@code @QuarkusTest}: free ports, fresh temporary data, all closed and deleted
 * in {@link #stop()}. Init args: {@code parts} (comma list of kafka,postgres,mongo,smtp,whatsapp;
 * default all) and {@code postgres.database} (created if missing; default {@code postgres}).
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String PARTS_ARG = "parts";
    public static final String DATABASE_ARG = "postgres.database";

    public static final String MAILBOX_URL = "local-infra.mailbox.url";
    public static final String WHATSAPP_URL = "local-infra.whatsapp.url";
    public static final String WHATSAPP_TOKEN = "local-infra.whatsapp.token";

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfraTestResource.class);

    private Set<Part> parts = Part.parse("kafka,postgres,mongo,smtp,whatsapp");
    private String database = "postgres";
    private LocalInfra infra;

    @Override
    public void init(Map<String, String> initArgs) {
        if (initArgs.containsKey(PARTS_ARG)) {
            parts = Part.parse(initArgs.get(PARTS_ARG));
        }
        database = initArgs.getOrDefault(DATABASE_ARG, database);
    }

    @Override
    public Map<String, String> start() {
        long begin = System.nanoTime();
        try {
            infra = LocalInfra.start(InfraSettings.forTests(parts, List.of(database)));
        } catch (IOException e) {
            throw new UncheckedIOException("local-infra test resource did not start " + parts, e);
        }
        LOG.info("local-infra {} started in {} ms", parts, (System.nanoTime() - begin) / 1_000_000);
        return config();
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
            infra = null;
        }
    }

    private Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        if (parts.contains(Part.KAFKA)) {
            config.put("kafka.bootstrap.servers", infra.kafka().bootstrapServers());
        }
        if (parts.contains(Part.POSTGRES)) {
            config.put("quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(database));
            config.put("quarkus.datasource.username", infra.postgres().username());
            config.put("quarkus.datasource.password", infra.postgres().password());
        }
        if (parts.contains(Part.MONGO)) {
            config.put("quarkus.mongodb.connection-string", infra.mongo().connectionString());
        }
        if (parts.contains(Part.SMTP)) {
            config.put("quarkus.mailer.host", Ports.HOST);
            config.put("quarkus.mailer.port", Integer.toString(infra.mailbox().smtpPort()));
            // Quarkus replaces the mailer with a mock in test mode; these tests want the real SMTP round trip.
            config.put("quarkus.mailer.mock", "false");
            config.put(MAILBOX_URL, infra.mailbox().apiUrl());
        }
        if (parts.contains(Part.WHATSAPP)) {
            config.put(WHATSAPP_URL, infra.whatsapp().url());
            config.put(WHATSAPP_TOKEN, infra.settings().whatsappToken());
        }
        return config;
    }
}
