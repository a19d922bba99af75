package dev.shipnotify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.process.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * From a courier's webhook to the shopper's email: the packaged tracking-service and notification-service on a real
 * broker, MongoDB wire server, PostgreSQL and SMTP server. At each of {@code --rates} scans per second, for
 * {@code --scan-period}, every webhook is the first scan of another parcel (the five sources in turn), so each owes its
 * shopper one "is on its way" email; the webhooks are sent on a fixed schedule (open loop), whatever the answers. The
 * steps start once both services have handled every seeded order and a warm-up at the first rate for {@code --warmup}
 * is through. Prints per rate the webhooks not answered 200 within 30 s, answered/s (the rate's webhooks over the time
 * from the first send to the last answer), the emails accepted by the SMTP server, the webhooks answered 200 whose
 * email never came (lost), and the latency from the webhook's send to the email's acceptance (p50/p90/p99/max): when a
 * rate is more than the suite can take, the queue shows in the latency. The next rate starts once every webhook
 * answered 200 has its email, or nothing arrived for 90 s.
 */
final class EndToEndBenchmark {
    private static final Duration STALL = Duration.ofSeconds(90);
    private static final Duration SEED_CATCH_UP = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = ParcelJourneys.eventJson();
    private static final String ADMIN_TOKEN = "bench-admin-token";
    private static final List<CourierSenders> SENDERS = List.of(CourierSenders.values());

    private final Harness harness;
    private final List<Integer> rates;
    private final Duration duration;
    private final Duration warmup;
    private final long origin = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();

    EndToEndBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("end-to-end", options);
        this.rates = options.rates();
        this.duration = options.scanPeriod();
        this.warmup = options.warmup();
    }

    /**
     * One rate's outcome; the histograms in ms: webhook to email, webhook to {@code shipment-updated}, and from there
     * to the email.
     */
    record Result(int rate, long webhooks, double answeredPerSecond, long notAnswered200, long lost, Histogram latency,
            Histogram toPublished, Histogram toEmail) {
        /** Emails accepted for the rate's webhooks. */
        long emails() {
            return latency.getTotalCount();
        }
    }

    List<Result> run() throws Exception {
        Path work = Directories.createTemp("bench-end-to-end-");
        int trackingPort = Ports.freePort();
        int notificationPort = Ports.freePort();
        int parcels = (int) (rates.get(0) * warmup.toSeconds())
                + rates.stream().mapToInt(rate -> (int) (rate * duration.toSeconds())).sum();
        String[] numbers = new String[parcels];
        for (int s = 0; s < parcels; s++) {
            numbers[s] = String.format("E2E%08d", s);
        }
        harness.printHeader(false);
        List<Result> results = new ArrayList<>();
        try (Harness.Infra infra = harness.startWholeInfra(work);
                JavaProcess tracking = harness.startService(work, "tracking-service", trackingPort,
                        WebhookIngestBenchmark.trackingEnvironment(infra.kafkaPort(), infra.mongoPort()));
                JavaProcess notification = harness.startService(work, "notification-service", notificationPort,
                        notificationEnvironment(infra.kafkaPort(), infra.postgresPort(), infra.smtpPort(),
                                infra.whatsappPort()))) {
            // Shoppers who consented to email only, and a merchant who sends no order confirmation: one email per
            // parcel, its first scan's, and nothing else competing for the sender.
            String merchantId = UUID.randomUUID().toString();
            onlyShipmentNews(notificationPort, merchantId);
            WebhookIngestBenchmark.seed(infra.kafkaPort(), trackingPort, numbers, merchantId, (s, orderId, merchant) ->
                    WebhookIngestBenchmark.order(orderId, merchant, email(s), new OrderPlaced.Consent(true, false)));
            // The steps measure shipment news, not the backlog of seeded orders: start once both groups have them.
            for (String group : List.of("tracking-service", "notification-service")) {
                Duration took = Harness.awaitCaughtUp(infra.kafkaPort(), group, Topics.ORDER_PLACED, SEED_CATCH_UP);
                System.out.printf("%s has handled every seeded order (waited %.1f s)%n", group,
                        took.toMillis() / 1e3);
            }
            MailboxClient mailbox = new MailboxClient("http://127.0.0.1:" + infra.mailboxPort());
            mailbox.deleteAll();

            String row = "%8s %9s %9s %8s %8s %8s %9s %9s %9s %9s%n";
            System.out.printf(row, "scans/s", "webhooks", "answered/s", "not 200", "emails", "lost", "p50 ms",
                    "p90 ms", "p99 ms", "max ms");
            int first = 0;
            // Step 0 warms both services up (the JIT: a cold notification-service takes seconds per email at 20/s)
            // at the first rate for --warmup; its numbers are printed, not kept.
            for (int step = 0; step <= rates.size(); step++) {
                boolean warmingUp = step == 0;
                int rate = rates.get(Math.max(0, step - 1));
                int count = (int) (rate * (warmingUp ? warmup : duration).toSeconds());
                long[] sentAt = new long[count];
                boolean[] answered200 = new boolean[count];
                long begin = System.nanoTime();
                send(trackingPort, numbers, first, count, rate, sentAt, answered200);
                double answeredPerSecond = count / ((System.nanoTime() - begin) / 1e9);
                Map<String, Integer> byEmail = new HashMap<>();
                Set<String> owed = new HashSet<>();
                for (int i = 0; i < count; i++) {
                    byEmail.put(email(first + i), i);
                    if (answered200[i]) {
                        owed.add(email(first + i));
                    }
                }
                List<MailboxClient.Summary> mails = awaitEmails(mailbox, owed);
                Map<String, Long> published = publishedAt(infra.kafkaPort());
                Histogram latency = new Histogram(3);
                Histogram toPublished = new Histogram(3);
                Histogram toEmail = new Histogram(3);
                boolean[] emailed = new boolean[count];
                for (MailboxClient.Summary mail : mails) {
                    Integer i = mail.to().isEmpty() ? null : byEmail.get(mail.to().get(0).address());
                    if (i != null) {
                        long emailedAt = mail.created().toEpochMilli();
                        latency.recordValue(Math.max(0, emailedAt - sentAt[i]));
                        emailed[i] = true;
                        Long at = published.get(numbers[first + i]);
                        if (at != null) {
                            toPublished.recordValue(Math.max(0, at - sentAt[i]));
                            toEmail.recordValue(Math.max(0, emailedAt - at));
                        }
                    }
                }
                long notOk = 0;
                long lost = 0;
                for (int i = 0; i < count; i++) {
                    notOk += answered200[i] ? 0 : 1;
                    lost += answered200[i] && !emailed[i] ? 1 : 0;
                }
                Result result = new Result(rate, count, answeredPerSecond, notOk, lost, latency, toPublished,
                        toEmail);
                if (!warmingUp) {
                    results.add(result);
                }
                System.out.printf(row, warmingUp ? "warm-up" : rate, count, String.format("%.0f", answeredPerSecond),
                        notOk, latency.getTotalCount(), lost, latency.getValueAtPercentile(50),
                        latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getMaxValue());
                System.out.printf("%8s webhook to shipment-updated p50 %d ms, p99 %d ms; shipment-updated to email "
                        + "p50 %d ms, p99 %d ms%n", "", toPublished.getValueAtPercentile(50),
                        toPublished.getValueAtPercentile(99), toEmail.getValueAtPercentile(50),
                        toEmail.getValueAtPercentile(99));
                mailbox.deleteAll();
                first += count;
            }
            System.out.printf("%nResident memory after the load: tracking-service %d MiB, notification-service %d "
                    + "MiB%n",
                    tracking.residentKiB() / 1024, notification.residentKiB() / 1024);
        } finally {
            Directories.deleteRecursively(work);
        }
        return results;
    }

    private static Map<String, String> notificationEnvironment(int kafkaPort, int postgresPort, int smtpPort,
            int whatsappPort) {
        Map<String, String> environment = new HashMap<>(NotificationsBenchmark.environment(kafkaPort, postgresPort,
                smtpPort, whatsappPort));
        environment.put("NOTIFICATION_ADMIN_TOKEN", ADMIN_TOKEN);
        return environment;
    }

    /** The merchant's rules: no order confirmation, every shipment milestone by email. */
    private static void onlyShipmentNews(int notificationPort, String merchantId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + notificationPort + "/api/admin/merchants/" + merchantId
                                + "/notification-rules"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"channels\": {\"ORDER_CONFIRMED\": []}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("setting the merchant's rules answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static String email(int s) {
        return "parcel-" + s + "@bench.example";
    }

    /** Webhook i at begin + i / rate, asynchronously; waits for every answer. */
    private void send(int port, String[] numbers, int first, int count, int rate, long[] sentAt,
            boolean[] answered200) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<Void>> answers = new ArrayList<>(count);
        long begin = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = begin + 1_000_000_000L * i / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int s = first + i;
            int index = i;
            LoadGenerator.Request request = SENDERS.get(s % SENDERS.size()).request(numbers[s], 0, origin);
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + request.path())).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body().getBytes()));
            request.headers().forEach(builder::header);
            sentAt[i] = System.currentTimeMillis();
            answers.add(http.sendAsync(builder.build(), HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        answered200[index] = error == null && response.statusCode() == 200;
                        return null;
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * The mailbox once it holds an email to each of the {@code owed} addresses (the webhooks answered 200), or once
     * nothing new arrived for {@link #STALL}.
     */
    private static List<MailboxClient.Summary> awaitEmails(MailboxClient mailbox, Set<String> owed)
            throws InterruptedException {
        List<MailboxClient.Summary> mails = mailbox.messages();
        long lastChange = System.nanoTime();
        while (!reached(mails, owed) && System.nanoTime() - lastChange < STALL.toNanos()) {
            TimeUnit.SECONDS.sleep(1);
            List<MailboxClient.Summary> now = mailbox.messages();
            if (now.size() != mails.size()) {
                lastChange = System.nanoTime();
            }
            mails = now;
        }
        return mails;
    }

    private static boolean reached(List<MailboxClient.Summary> mails, Set<String> owed) {
        Set<String> to = new HashSet<>();
        mails.forEach(mail -> mail.to().forEach(address -> to.add(address.address())));
        return to.containsAll(owed);
    }

    /**
     * When each parcel's status change reached the broker (the record's timestamp, set as tracking-service's relay
     * sent it), by tracking number: splits the latency into tracking-service's part and notification-service's.
     */
    private static Map<String, Long> publishedAt(int kafkaPort) throws IOException {
        Map<String, Long> at = new HashMap<>();
        for (TopicReader.Record record : new TopicReader("127.0.0.1:" + kafkaPort).readAll(Topics.SHIPMENT_UPDATED,
                Duration.ofSeconds(60))) {
            at.putIfAbsent(JSON.readTree(record.value()).path("trackingNumber").asText(),
                    record.timestamp().toEpochMilli());
        }
        return at;
    }
}
