package dev.shipnotify.review.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): open a page, type into a field, click, read the page, take
 * a screenshot. A phone-sized window. Just what the page tests need, without a WebDriver library.
 */
public final class WebDriver implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final URI session;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private WebDriver(Process driver, URI base) throws IOException, InterruptedException {
        this.driver = driver;
        Path profile = Files.createTempDirectory("chromium-profile");
        ObjectNode capabilities = JSON.createObjectNode();
        ObjectNode options = capabilities.putObject("capabilities").putObject("alwaysMatch")
                .put("browserName", "chrome").putObject("goog:chromeOptions");
        options.put("binary", CHROMIUM.toString());
        List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=412,915",
                "--hide-scrollbars", "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--user-data-dir=" + profile).forEach(options.putArray("args")::add);
        JsonNode created = call("POST", base.resolve("/session"), capabilities);
        this.session = base.resolve("/session/" + created.path("value").path("sessionId").asText() + "/");
    }

    /** Starts chromedriver on a free port of 127.0.0.1 and a browser session. */
    public static WebDriver start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient probe = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> probe.send(
                HttpRequest.newBuilder(base.resolve("/status")).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"ready\":true"));
        return new WebDriver(driver, base);
    }

    public void open(String url) throws IOException, InterruptedException {
        call("POST", session.resolve("url"), JSON.createObjectNode().put("url", url));
    }

    public void type(String css, String text) throws IOException, InterruptedException {
        call("POST", session.resolve("element/" + find(css) + "/value"), JSON.createObjectNode().put("text", text));
    }

    public void click(String css) throws IOException, InterruptedException {
        call("POST", session.resolve("element/" + find(css) + "/click"), JSON.createObjectNode());
    }

    /** The page's HTML as the browser holds it now. */
    public String source() throws IOException, InterruptedException {
        return call("GET", session.resolve("source"), null).path("value").asText();
    }

    public void screenshot(Path file) throws IOException, InterruptedException {
        byte[] png = Base64.getDecoder().decode(call("GET", session.resolve("screenshot"), null).path("value").asText());
        Files.createDirectories(file.getParent());
        Files.write(file, png);
    }

    private String find(String css) throws IOException, InterruptedException {
        return call("POST", session.resolve("element"), JSON.createObjectNode().put("using", "css selector")
                .put("value", css)).path("value").path(ELEMENT).asText();
    }

    private JsonNode call(String method, URI uri, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("WebDriver %s %s: %s", method, uri, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (session != null) {
                http.send(HttpRequest.newBuilder(session).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            driver.destroy();
            driver.waitFor();
        }
    }
}
