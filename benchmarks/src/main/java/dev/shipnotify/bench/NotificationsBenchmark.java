package dev.shipnotify.bench;

import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.EventPublisher;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.process.JavaProcess;
import dev.shipnotify.infra.whatsapp.SandboxClient;
import dev.shipnotify.infra.whatsapp.SentMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;

/**
 * Sustained notifications of the packaged notification-service on a real Kafka broker, PostgreSQL, SMTP server and
 * WhatsApp Cloud API sandbox. Orders go through four milestones (placed, shipped, out for delivery, delivered), the
 * events published at a steady rate, stage by stage, so an order's events are {@code orders / rate} seconds apart;
 * each event owes the shopper one email and one WhatsApp message. It prints messages accepted per second, the
 * latency from the event's acknowledgement by the broker to the SMTP server's or the sandbox's acceptance (the
 * server's own receive time), the consumer group's lag each second, and whether any message is missing or
 * doubled. Baseline, in the same run: one plain client thread handing the same servers the same number of messages
 * directly.
 */
final class NotificationsBenchmark {
    private static final String GROUP = "notification-service";
    static final String APP_SECRET = "bench-app-secret";
    private static final String[] STAGES = ParcelJourneys.STAGES;
    private static final Duration STALL = Duration.ofSeconds(90);

    private final Harness harness;
    private final int orders;
    private final int rate;
    private final ParcelJourneys journeys;
    /** When the broker acknowledged event (order, stage): epoch millis. */
    private final long[][] published;

    NotificationsBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("notifications", options);
        this.orders = options.orders();
        this.rate = options.rate();
        this.journeys = new ParcelJourneys(orders);
        this.published = new long[orders][STAGES.length];
    }

    void run() throws Exception {
        Path work = Directories.createTemp("bench-notifications-");
        int kafkaPort = Ports.freePort();
        int postgresPort = Ports.freePort();
        int smtpPort = Ports.freePort();
        int mailboxPort = Ports.freePort();
        int whatsappPort = Ports.freePort();
        int servicePort = Ports.freePort();
        harness.printHeader(false);
        try (JavaProcess infra = harness.startInfra(work, "kafka,postgres,smtp,whatsapp", kafkaPort, Map.of(
                        InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                        InfraSettings.POSTGRES_DATABASES, "notifications",
                        InfraSettings.SMTP_PORT, Integer.toString(smtpPort),
                        InfraSettings.MAILBOX_HTTP_PORT, Integer.toString(mailboxPort),
                        InfraSettings.WHATSAPP_PORT, Integer.toString(whatsappPort)));
                JavaProcess service = harness.startService(work, "notification-service", servicePort,
                        environment(kafkaPort, postgresPort, smtpPort, whatsappPort))) {
            MailboxClient mailbox = new MailboxClient("http://127.0.0.1:" + mailboxPort);
            SandboxClient whatsapp = new SandboxClient("http://127.0.0.1:" + whatsappPort);
            whatsapp.statusWebhook("http://127.0.0.1:" + servicePort + "/webhooks/whatsapp", APP_SECRET);

            long expected = 2L * STAGES.length * orders;
            System.out.printf("workload: %d orders × %d events (%s) at %d events/s, stage by stage; each event owes "
                    + "1 email + 1 WhatsApp message: %d messages%n%n", orders, STAGES.length,
                    String.join(", ", STAGES), rate, expected);
            baseline(smtpPort, whatsappPort, (int) (expected / 2));
            mailbox.deleteAll();
            whatsapp.reset();
            whatsapp.statusWebhook("http://127.0.0.1:" + servicePort + "/webhooks/whatsapp", APP_SECRET);

            Lag lag = new Lag(kafkaPort, servicePort);
            long start = System.currentTimeMillis();
            lag.start(start);
            publish(kafkaPort);
            long publishedAt = System.currentTimeMillis();
            System.out.printf("%nPublished %d events in %.1f s (%.0f/s)%n", orders * STAGES.length,
                    (publishedAt - start) / 1e3, orders * STAGES.length * 1e3 / (publishedAt - start));
            long sent = lag.awaitSent(expected);
            long done = System.currentTimeMillis();
            lag.stop();

            report(mailbox.messages(), whatsapp.messages(), start, publishedAt, done, sent, expected);
            lag.print();
            System.out.printf("%nResident memory after the load: notification-service %d MiB%n",
                    service.residentKiB() / 1024);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** notification-service on these servers, with the WhatsApp app secret {@link #APP_SECRET}. */
    static Map<String, String> environment(int kafkaPort, int postgresPort, int smtpPort, int whatsappPort) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/notifications",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                "NOTIFICATION_WHATSAPP_API_URL", "http://127.0.0.1:" + whatsappPort,
                "NOTIFICATION_WHATSAPP_ACCESS_TOKEN", InfraSettings.DEFAULT_WHATSAPP_TOKEN,
                "NOTIFICATION_WHATSAPP_APP_SECRET", APP_SECRET);
    }

    /** One client thread hands each server {@code count} messages directly, one after the other. */
    private static void baseline(int smtpPort, int whatsappPort, int count) throws Exception {
        System.out.println("Baseline: one plain client thread, the same servers, no service in between");
        String row = "%-46s %8s %9s %8s %8s%n";
        System.out.printf(row, "", "messages", "msg/s", "p50 ms", "p99 ms");
        Histogram smtp = new Histogram(3);
        long begin = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", smtpPort)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(in);
            command(out, in, "EHLO bench.local");
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                command(out, in, "MAIL FROM:<orders@bench.example>");
                command(out, in, "RCPT TO:<baseline-" + i + "@bench.example>");
                command(out, in, "DATA");
                command(out, in, "From: orders@bench.example\r\nTo: baseline-" + i + "@bench.example\r\nSubject: "
                        + "Your order " + i + " is on its way\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@bench.example>\r\n\r\n" + "Your parcel is on its way.\r\n".repeat(40) + ".");
                smtp.recordValue((System.nanoTime() - t) / 1000);
            }
            command(out, in, "QUIT");
        }
        double smtpSeconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(row, "SMTP server (one connection, MAIL..DATA each)", count,
                String.format("%.0f", count / smtpSeconds), ms(smtp, 50), ms(smtp, 99));

        HttpClient http = HttpClient.newHttpClient();
        Histogram graph = new Histogram(3);
        begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String body = "{\"messaging_product\":\"whatsapp\",\"to\":\"+9180" + String.format("%08d", i)
                    + "\",\"type\":\"template\",\"template\":{\"name\":\"order_shipped\",\"language\":{\"code\":\"en\"},"
                    + "\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\"Priya\"}]}]}}";
            long t = System.nanoTime();
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + whatsappPort
                            + "/v21.0/100000000000002/messages"))
                    .header("Authorization", "Bearer " + InfraSettings.DEFAULT_WHATSAPP_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the sandbox answered " + response.statusCode());
            }
            graph.recordValue((System.nanoTime() - t) / 1000);
        }
        double graphSeconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(row, "WhatsApp sandbox (POST /{version}/{id}/messages)", count,
                String.format("%.0f", count / graphSeconds), ms(graph, 50), ms(graph, 99));
    }

    private static void command(OutputStream out, BufferedReader in, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        reply(in);
    }

    private static void reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || line.length() < 3 || line.charAt(0) >= '4') {
                throw new IOException("SMTP server answered " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** Stage by stage, each at its slot of the steady rate; remembers when the broker acknowledged each. */
    private void publish(int kafkaPort) throws InterruptedException {
        long begin = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        try (EventPublisher publisher = new EventPublisher("127.0.0.1:" + kafkaPort, ParcelJourneys.eventJson())) {
            for (int stage = 0; stage < STAGES.length; stage++) {
                for (int i = 0; i < orders; i++) {
                    long slot = begin + ((long) stage * orders + i) * interval;
                    long wait = slot - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    publisher.publish(journeys.event(stage, i));
                    published[i][stage] = System.currentTimeMillis();
                }
            }
        }
    }

    /** Matches each accepted message to its event, and prints counts, latencies and the sustained rate. */
    private void report(List<MailboxClient.Summary> mails, List<SentMessage> whatsapps, long start, long publishedAt,
            long done, long sent, long expected) {
        Histogram emailLatency = new Histogram(3);
        Histogram whatsappLatency = new Histogram(3);
        ParcelJourneys.Counts counts = journeys.count(mails, whatsapps,
                (i, stage, accepted) -> emailLatency.recordValue(Math.max(0, accepted.toEpochMilli() - published[i][stage])),
                (i, stage, accepted) -> whatsappLatency.recordValue(
                        Math.max(0, accepted.toEpochMilli() - published[i][stage])));
        int unmatched = counts.unmatched();
        System.out.printf("%nFrom the event acknowledged by the broker to the message accepted by its server%n");
        String row = "%-10s %8s %8s %10s %8s %8s %8s %8s%n";
        System.out.printf(row, "channel", "accepted", "missing", "duplicates", "p50 ms", "p90 ms", "p99 ms", "max ms");
        printChannel(row, "email", counts.emails(), emailLatency);
        printChannel(row, "whatsapp", counts.whatsapps(), whatsappLatency);
        if (unmatched > 0) {
            System.out.printf("%d accepted messages matched no event%n", unmatched);
        }
        long accepted = mails.size() + whatsapps.size();
        System.out.printf("%nSustained: %d of %d messages accepted %.1f s after the first event: %.0f messages/s "
                        + "(offered: %.0f/s while publishing; notification-service counted %d sent)%n",
                accepted, expected, (done - start) / 1e3, accepted * 1e3 / (done - start),
                expected * 1e3 / (publishedAt - start), sent);
    }

    private void printChannel(String row, String channel, int[][] counts, Histogram latency) {
        System.out.printf(row, channel, latency.getTotalCount(), ParcelJourneys.Counts.missing(counts),
                ParcelJourneys.Counts.duplicates(counts), latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getMaxValue());
    }

    private static String ms(Histogram micros, double percentile) {
        return String.format("%.2f", micros.getValueAtPercentile(percentile) / 1000.0);
    }

    /**
     * Each second: the group's lag over all its topics (log-end minus committed offset) and the service's count of
     * messages sent ({@code notifications_total{outcome="sent"}}).
     */
    private static final class Lag {
        private final Admin admin;
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI metrics;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final List<long[]> samples = new ArrayList<>();
        private final AtomicLong sent = new AtomicLong();

        Lag(int kafkaPort, int servicePort) {
            this.admin = Harness.admin(kafkaPort);
            this.metrics = URI.create("http://127.0.0.1:" + servicePort + "/q/metrics");
        }

        void start(long startMillis) {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    long lag = lag();
                    sent.set(sent());
                    synchronized (samples) {
                        samples.add(new long[] {System.currentTimeMillis() - startMillis, lag, sent.get()});
                    }
                } catch (Exception e) {
                    System.out.println("lag sample failed: " + e);
                }
            }, 0, 1, TimeUnit.SECONDS);
        }

        /** Waits until the service sent {@code expected} messages, or made no progress for a while; returns its count. */
        long awaitSent(long expected) throws InterruptedException {
            long last = -1;
            long lastChange = System.nanoTime();
            while (sent.get() < expected && System.nanoTime() - lastChange < STALL.toNanos()) {
                if (sent.get() != last) {
                    last = sent.get();
                    lastChange = System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            return sent.get();
        }

        void stop() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            admin.close();
        }

        void print() {
            synchronized (samples) {
                long max = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
                long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
                System.out.printf("%nConsumer lag of group %s over all its topics (records; sampled each second): "
                        + "max %d, at the end %d%n", GROUP, max, last);
                StringBuilder line = new StringBuilder("  s:lag/sent ");
                for (int i = 0; i < samples.size(); i += Math.max(1, samples.size() / 20)) {
                    long[] s = samples.get(i);
                    line.append(String.format(" %d:%d/%d", s[0] / 1000, s[1], s[2]));
                }
                System.out.println(line);
            }
        }

        private long lag() throws Exception {
            return Harness.groupLag(admin, GROUP);
        }

        private long sent() throws Exception {
            String text = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            double total = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("notifications_total{") && line.contains("outcome=\"sent\"")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) total;
        }
    }
}
