package dev.shipnotify.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM started as a process of its own, the way {@code ./suite} starts one: a packaged service, local-infra, a
 * benchmark's baseline server. Its output goes to a log file; {@link #close()} sends SIGTERM and, after 30 s,
 * SIGKILL. For tests and benchmarks that need a real process rather than an in-JVM app.
 */
public final class JavaProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <arguments>} with the same Java as this JVM, the given variables added to this
     * environment, stdout and stderr both written to {@code log}.
     */
    public static JavaProcess start(String name, List<String> arguments, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = builder.start();
            process.getOutputStream().close();
            return new JavaProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the log holds {@code line} as a line of its own; fails with the log's tail if it exits first. */
    public void awaitLine(String line, Duration timeout) {
        await(timeout, "printed \"" + line + "\"", () -> readLog().contains(line));
    }

    /** Waits until {@code GET url} answers 200, e.g. a Quarkus service's {@code /q/health/ready}. */
    public void awaitHttp200(String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        await(timeout, "answered 200 on " + url, () -> {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        });
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in KiB, from {@code /proc/<pid>/status} (Linux). */
    public long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            throw new IllegalStateException("no VmRSS for " + name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of " + name, e);
        }
    }

    /** How many lines of the log contain {@code text}. */
    public long logLinesWith(String text) {
        return readLog().stream().filter(line -> line.contains(text)).count();
    }

    /** The last {@code count} lines of the log. */
    public String tail(int count) {
        List<String> lines = readLog();
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash does: no shutdown hook runs. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, ...) with the system's {@code kill}. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).redirectErrorStream(true)
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGTERM, as an orchestrator sends to stop a process gracefully; waits up to {@code timeout} and says how
     * long it took, or null if it still runs (then it is left running).
     */
    public Duration terminate(Duration timeout) {
        long begin = System.nanoTime();
        process.destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? Duration.ofNanos(System.nanoTime() - begin) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The exit code; the process must have exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** SIGTERM, as {@code ./suite down} sends, then SIGKILL if it has not stopped within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before it " + what
                        + "; last lines of " + log + ":" + System.lineSeparator() + tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " has not " + what + " within " + timeout
                        + "; last lines of " + log + ":" + System.lineSeparator() + tail(40));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    private List<String> readLog() {
        try {
            // Lenient decoding: a process may print bytes that are not UTF-8.
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
