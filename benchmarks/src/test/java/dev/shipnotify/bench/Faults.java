package dev.shipnotify.bench;

import dev.shipnotify.infra.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * What the fault scenarios share: their sizes (the with {@code -Dfaults.full=true}, as {@code ./suite
 * faults} runs them; smaller ones that fit in CI otherwise), the harness that starts local-infra and the packaged
 * services as processes (their logs stay in {@code target/faults/<scenario>/}), and the report every scenario adds
 * its lines to, {@code target/faults-report.txt}.
 */
final class Faults {
    static final boolean FULL = Boolean.getBoolean("faults.full");
    private static final Path REPORT = Path.of("target", "faults-report.txt");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Harness harness;
    final Path work;

    Faults(String scenario) {
        this.harness = new Harness(scenario, Benchmarks.Options.parse(List.of("--java-opts", "-Xmx384m"),
                Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize(), null));
        // Under target/, kept after the run: the processes' logs are what explains a failure.
        this.work = Path.of("target", "faults", scenario).toAbsolutePath();
        Directories.deleteRecursively(work);
    }

    /** {@code ci} in CI, {@code full} with {@code -Dfaults.full=true}. */
    static int size(int ci, int full) {
        return FULL ? full : ci;
    }

    /** Prints a line of the scenario's outcome and adds it to the report. */
    static void report(String scenario, String format, Object... args) {
        String line = String.format("%-34s %s", scenario, String.format(format, args));
        System.out.println("FAULTS " + line);
        try {
            Files.createDirectories(REPORT.toAbsolutePath().getParent());
            Files.writeString(REPORT, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a request the way {@link CourierSenders} builds it (path, headers, body) to a service on 127.0.0.1 and
     * answers its status, or -1 when the connection failed or was closed on it.
     */
    static int post(int port, LoadGenerator.Request request, Duration timeout) throws InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(request.body().getBytes()));
        request.headers().forEach(http::header);
        try {
            return HTTP.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** No answer within the probe's timeout. */
    static final int TIMED_OUT = -2;

    /**
     * Status of {@code GET path} as a probe with a 3 s timeout sees it (Kubernetes counts a timeout as a failure):
     * the status, {@link #TIMED_OUT}, or -1 when nothing listens.
     */
    static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return TIMED_OUT;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
