package dev.shipnotify.infra.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium ({@code apt-get install chromium}, which {@code .ci/run} does), run once per call with a
 * fresh profile and without JavaScript: what a page looks like to a browser, as its DOM and as a screenshot. The
 * window size is the caller's: a phone's for a shopper's page, a laptop's for an ops page.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 60;

    private final int width;
    private final int height;

    private HeadlessChromium(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A window of this many CSS pixels. */
    public static HeadlessChromium window(int width, int height) {
        return new HeadlessChromium(width, height);
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after the page loaded, serialized. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return run("--dump-dom", url);
    }

    /** Saves a PNG of the window; creates the parent directories and replaces an older file. */
    public Path screenshot(String url, Path file) throws IOException, InterruptedException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(absolute);
        run("--screenshot=" + absolute, url);
        if (!Files.isRegularFile(absolute)) {
            throw new IOException("Chromium wrote no screenshot of " + url);
        }
        return absolute;
    }

    private String run(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-javascript", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("chromium", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IOException("Chromium exited with " + process.exitValue() + ": " + command);
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
