package dev.shipnotify.infra.whatsapp;

import com.sun.net.httpserver.HttpServer;
import dev.shipnotify.infra.web.DaemonThreads;
import dev.shipnotify.infra.web.HttpServers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that answers like the WhatsApp Cloud API's send endpoint
 * ({@code POST /{version}/{phone-number-id}/messages}) and records what it accepted. Point a service's
 * Graph API base URL at {@link #url()}.
 *
 * <p>Its own endpoints (see {@link SandboxClient}), and a page at {@code /}:
 * <ul>
 * <li>{@code GET|DELETE /sandbox/messages}: what it accepted, or forget it;
 * <li>{@code GET|POST|DELETE /sandbox/failures}: errors to answer the next sends with;
 * <li>{@code GET|PUT /sandbox/webhook}: where webhooks go, as {@link #statusWebhook} sets it, for a caller that
 * learns its webhook's port only after this started;
 * <li>{@code POST /sandbox/inbound}: a shopper's text or quick-reply button tap, posted to the webhook;
 * <li>{@code POST /sandbox/messages/{id}/read}: a {@code read} status for that message, posted to the webhook.
 * </ul>
 */
public final class WhatsAppSandbox implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WhatsAppSandbox.class.getName());

    private final HttpServer http;
    private final ExecutorService threads;
    private final StatusWebhooks webhooks;
    private final MessageLog log;

    private WhatsAppSandbox(HttpServer http, ExecutorService threads, StatusWebhooks webhooks, MessageLog log) {
        this.http = http;
        this.threads = threads;
        this.webhooks = webhooks;
        this.log = log;
    }

    /**
     * Starts the sandbox. Port 0 picks a free port.
     *
     * @param accessToken the bearer token callers must present
     * @param storageDir  where accepted messages are kept and loaded back from on start; {@code null}
     *                    keeps them in memory only
     */
    public static WhatsAppSandbox start(String host, int port, String accessToken, Path storageDir) throws IOException {
        Objects.requireNonNull(accessToken, "accessToken");
        MessageLog log = MessageLog.open(storageDir);
        FailurePlan failures = new FailurePlan();
        StatusWebhooks webhooks = new StatusWebhooks(log);
        HttpServer http = HttpServers.create(host, port);
        GraphApiHandler graph = new GraphApiHandler(accessToken, log, failures, webhooks);
        SandboxPage page = new SandboxPage(log, failures);
        http.createContext("/sandbox/", new SandboxApiHandler(log, failures, webhooks, new ShopperMessages(log)));
        http.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/")) {
                page.handle(exchange);
            } else {
                graph.handle(exchange);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(4, new DaemonThreads("whatsapp-http"));
        http.setExecutor(threads);
        http.start();
        WhatsAppSandbox sandbox = new WhatsAppSandbox(http, threads, webhooks, log);
        LOG.log(System.Logger.Level.INFO, "WhatsApp sandbox on {0}{1}", sandbox.url(),
                storageDir == null ? " (memory only)" : ", messages kept in " + storageDir);
        return sandbox;
    }

    /**
     * After each accepted message, POSTs {@code sent} then {@code delivered} status webhooks to this URL
     * (a {@code failed} one for an armed async failure), signed with {@code X-Hub-Signature-256} using the
     * app secret, as Meta does; the shopper's replies and {@code read} statuses asked for through the sandbox API
     * go there too. {@code null} turns it off.
     *
     * @return this sandbox, for chaining after {@code start}
     */
    public WhatsAppSandbox statusWebhook(URI webhookUrl, String appSecret) {
        if (webhookUrl != null) {
            Objects.requireNonNull(appSecret, "appSecret");
        }
        webhooks.configure(webhookUrl, appSecret);
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8090}; the Graph API path ({@code /v21.0/...}) goes after it. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        webhooks.close();
        http.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }
}
