package dev.shipnotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.infra.postgres.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, started the way {@code ./suite up} starts it: its own process, settings in the environment. */
class LocalInfraProcessIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final List<Process> started = new CopyOnWriteArrayList<>();

    @TempDir
    Path dataDir;

    @TempDir
    Path logDir;

    /** A failed assertion must not leave a JVM or a PostgreSQL behind. */
    @AfterEach
    void stopLeftovers() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        PostgresServer.stopOrphan(dataDir.resolve("postgres"));
    }

    @Test
    void printsReadyAndStopsEveryPartOnSigtermLeavingNoPostgresBehind() throws Exception {
        Map<String, String> env = freePorts();
        LocalInfraProcess infra = start(env);
        infra.awaitReady();
        ProcessHandle postmaster = postmaster().orElseThrow();

        assertThat(infra.stdout()).anyMatch(line -> line.contains("kafka") && line.contains(env.get("INFRA_KAFKA_PORT")))
                .anyMatch(line -> line.contains("jdbc:postgresql://127.0.0.1:" + env.get("INFRA_POSTGRES_PORT") + "/orders"))
                .anyMatch(line -> line.contains("mongodb://127.0.0.1:" + env.get("INFRA_MONGO_PORT")))
                .anyMatch(line -> line.contains("http://127.0.0.1:" + env.get("INFRA_MAILBOX_HTTP_PORT")))
                .anyMatch(line -> line.contains("http://127.0.0.1:" + env.get("INFRA_WHATSAPP_PORT")))
                .last().isEqualTo(LocalInfra.READY_LINE);
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(dataDir.resolve("mongo")).isDirectory();

        infra.terminate();

        awaitGone(postmaster);
    }

    @Test
    void takesOverFromAKilledRunKeepingItsData() throws Exception {
        Map<String, String> env = freePorts();
        env.put("INFRA_PARTS", "postgres");
        LocalInfraProcess killed = start(env);
        killed.awaitReady();
        String url = "jdbc:postgresql://127.0.0.1:" + env.get("INFRA_POSTGRES_PORT") + "/orders";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id text primary key)");
            statement.execute("insert into kept values ('order-1')");
        }
        ProcessHandle orphan = postmaster().orElseThrow();

        killed.kill();
        assertThat(orphan.isAlive()).as("kill -9 leaves PostgreSQL running").isTrue();

        LocalInfraProcess next = start(env);
        next.awaitReady();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet rs = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("order-1");
        }
        assertThat(orphan.isAlive()).isFalse();
        ProcessHandle current = postmaster().orElseThrow();
        next.terminate();
        awaitGone(current);
    }

    @Test
    void failsFastNamingTheSettingWhenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Map<String, String> env = freePorts();
            env.put("INFRA_KAFKA_PORT", Integer.toString(taken.getLocalPort()));

            LocalInfraProcess infra = start(env);

            assertThat(infra.awaitExit()).isEqualTo(1);
            assertThat(infra.stderr()).contains("INFRA_KAFKA_PORT").contains("already in use");
            assertThat(postmaster()).isEmpty();
        }
    }

    /** pg_ctl stop returns once the server is down; the process table may need a moment to reap it. */
    private static void awaitGone(ProcessHandle process) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    private LocalInfraProcess start(Map<String, String> env) throws IOException {
        LocalInfraProcess infra = LocalInfraProcess.start(env, logDir.resolve("stderr-" + started.size() + ".txt"));
        started.add(infra.process);
        return infra;
    }

    private Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        env.put("INFRA_DATA_DIR", dataDir.toString());
        for (String port : List.of("INFRA_KAFKA_PORT", "INFRA_KAFKA_CONTROLLER_PORT", "INFRA_POSTGRES_PORT", "INFRA_MONGO_PORT",
                "INFRA_SMTP_PORT", "INFRA_MAILBOX_HTTP_PORT", "INFRA_WHATSAPP_PORT")) {
            env.put(port, Integer.toString(Ports.freePort()));
        }
        return env;
    }

    private java.util.Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).filter(ProcessHandle::isAlive);
    }

    /** One standalone local-infra child process and what it printed. */
    private static final class LocalInfraProcess {
        private final Process process;
        private final Path stderr;
        private final List<String> stdout = new CopyOnWriteArrayList<>();

        private LocalInfraProcess(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(this::readStdout, "local-infra-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static LocalInfraProcess start(Map<String, String> env, Path stderr) throws IOException {
            Path jar = Path.of(System.getProperty("local-infra.jar", "target/local-infra-0.1.0-SNAPSHOT.jar"));
            assertThat(jar).as("run after package: mvn verify").exists();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(LocalInfra.standaloneArguments(jar));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().putAll(env);
            return new LocalInfraProcess(builder.start(), stderr);
        }

        void awaitReady() {
            await().atMost(START_TIMEOUT)
                    .failFast("local-infra exited", () -> !process.isAlive())
                    .until(() -> stdout.contains(LocalInfra.READY_LINE));
        }

        /** SIGTERM, as ./suite down sends; the JVM's shutdown hook must stop everything before it exits. */
        void terminate() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
        }

        /** SIGKILL: no shutdown hook runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
            return process.exitValue();
        }

        List<String> stdout() {
            return stdout;
        }

        String stderr() throws IOException {
            return Files.readString(stderr);
        }

        private void readStdout() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(stdout::add);
            } catch (IOException e) {
                // The process ended; what was read stays available.
            }
        }
    }
}
