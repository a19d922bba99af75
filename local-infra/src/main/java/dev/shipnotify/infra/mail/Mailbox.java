package dev.shipnotify.infra.mail;

import com.sun.net.httpserver.HttpServer;
import dev.shipnotify.infra.web.DaemonThreads;
import dev.shipnotify.infra.web.HttpServers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local mailbox: a real SMTP server that keeps every message, plus an HTTP port with a
 * Mailpit-compatible API ({@code /api/v1/...}) and a small web page ({@code /}).
 *
 * <p>Services deliver to it exactly as they would to a relay; tests read what arrived through
 * {@link MailboxClient}, which works the same against Mailpit in {@code docker-compose.yml}.
 */
public final class Mailbox implements AutoCloseable {
    /** Large enough for any notification with images, small enough to catch a runaway sender. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(Mailbox.class.getName());

    private final SmtpServer smtp;
    private final HttpServer http;
    private final ExecutorService httpThreads;

    private Mailbox(SmtpServer smtp, HttpServer http, ExecutorService httpThreads) {
        this.smtp = smtp;
        this.http = http;
        this.httpThreads = httpThreads;
    }

    /**
     * Starts the SMTP and HTTP listeners. Port 0 picks a free port.
     *
     * @param storageDir where the raw messages are kept as .eml files and loaded back from on start;
     *                   {@code null} keeps them in memory only
     */
    public static Mailbox start(String host, int smtpPort, int httpPort, Path storageDir) throws IOException {
        return start(host, smtpPort, httpPort, storageDir, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** As {@link #start(String, int, int, Path)}, refusing messages larger than {@code maxMessageBytes}. */
    public static Mailbox start(String host, int smtpPort, int httpPort, Path storageDir, int maxMessageBytes)
            throws IOException {
        MailStore store = MailStore.open(storageDir);
        SmtpServer smtp = SmtpServer.start(host, smtpPort, store, maxMessageBytes);
        ExecutorService httpThreads = Executors.newFixedThreadPool(4, new DaemonThreads("mailbox-http"));
        HttpServer http;
        try {
            http = HttpServers.create(host, httpPort);
        } catch (IOException e) {
            smtp.close();
            httpThreads.shutdownNow();
            throw e;
        }
        ReadMarks read = new ReadMarks();
        http.createContext("/api/v1/", new MailboxApi(store, read));
        http.createContext("/", new MailboxPages(store));
        http.setExecutor(httpThreads);
        http.start();
        Mailbox mailbox = new Mailbox(smtp, http, httpThreads);
        LOG.log(System.Logger.Level.INFO, "Mailbox: SMTP on {0}:{1}, web and API on {2}{3}", host,
                String.valueOf(mailbox.smtpPort()), mailbox.apiUrl(),
                storageDir == null ? " (memory only)" : ", messages kept in " + storageDir);
        return mailbox;
    }

    public int smtpPort() {
        return smtp.port();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** Base URL of the Mailpit-compatible API and the web page, e.g. {@code http://127.0.0.1:8025}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    @Override
    public void close() {
        smtp.close();
        http.stop(0);
        httpThreads.shutdownNow();
        try {
            httpThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
