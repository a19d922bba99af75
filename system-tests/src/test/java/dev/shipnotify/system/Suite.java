package dev.shipnotify.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The suite as a user runs it: the repository's {@code ./suite} script, on free ports and with its own data
 * directory under target/, so a developer's running suite is left alone.
 */
final class Suite {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final String ADMIN_TOKEN = "system-test-admin-token";

    final Path home = ROOT.resolve("system-tests/target/suite-home");
    final Map<String, String> env = new HashMap<>();

    Suite() {
        env.put("SUITE_HOME", home.toString());
        env.put("SUITE_NO_BUILD", "1");
        env.put("ORDER_ADMIN_TOKEN", ADMIN_TOKEN);
        // Review requests a second after delivery, so the end-to-end run sees one.
        env.put("REVIEW_REQUEST_DELAY", "PT1S");
        // News of an order notification-service has not heard of waits 10 s (not a day) before it is dead-lettered.
        env.put("NOTIFICATION_PARKED_MAX_WAIT", "PT10S");
        env.put("NOTIFICATION_PARKED_CHECK_INTERVAL", "1s");
        for (String port : List.of("INFRA_KAFKA_PORT", "INFRA_KAFKA_CONTROLLER_PORT", "INFRA_POSTGRES_PORT",
                "INFRA_MONGO_PORT", "INFRA_SMTP_PORT", "INFRA_MAILBOX_HTTP_PORT", "INFRA_WHATSAPP_PORT",
                "ORDER_SERVICE_PORT", "TRACKING_SERVICE_PORT", "NOTIFICATION_SERVICE_PORT", "REVIEW_SERVICE_PORT",
                "OPS_CONSOLE_PORT")) {
            env.put(port, String.valueOf(freePort()));
        }
    }

    int port(String name) {
        return Integer.parseInt(env.get(name));
    }

    String url(String portName) {
        return "http://127.0.0.1:" + port(portName);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port("INFRA_KAFKA_PORT");
    }

    /** Runs {@code ./suite <args>} and fails with its output when it does not exit 0 in time. */
    String run(String... args) {
        try {
            Path output = Files.createTempFile("suite-", ".log");
            ProcessBuilder builder = new ProcessBuilder();
            builder.command().add(ROOT.resolve("suite").toString());
            builder.command().addAll(List.of(args));
            builder.directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(180, TimeUnit.SECONDS);
            String printed = Files.readString(output);
            Files.delete(output);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited && process.exitValue() == 0).as("./suite %s printed:%n%s", String.join(" ", args), printed)
                    .isTrue();
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The process ids the suite recorded, one per process it started. */
    List<Long> pids() {
        try (var files = Files.list(home.resolve("run"))) {
            return files.map(file -> {
                try {
                    return Long.parseLong(Files.readString(file).trim());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Properties demoMerchant() {
        return envFile("demo-merchant.env");
    }

    /** The courier webhook secrets the suite runs with, one {@code TRACKING_WEBHOOK_<SOURCE>_SECRETS} each. */
    Properties webhookSecrets() {
        return envFile("webhook-secrets.env");
    }

    private Properties envFile(String name) {
        Properties values = new Properties();
        try (var reader = Files.newBufferedReader(home.resolve(name))) {
            values.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
