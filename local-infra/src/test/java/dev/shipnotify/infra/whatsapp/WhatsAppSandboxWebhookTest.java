package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status webhooks arrive in Meta's shape, signed with the app secret, and the sandbox records what it reported. */
class WhatsAppSandboxWebhookTest {
    private static final String APP_SECRET = "app-secret-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook call as the receiver saw it. */
    record Received(byte[] body, String signature) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private HttpServer receiver;
    private WhatsAppSandbox sandbox;
    private GraphApiCalls graph;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/whatsapp", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                if (status == 200) {
                    received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256")));
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
        sandbox = WhatsAppSandbox.start("127.0.0.1", 0, GraphApiCalls.TOKEN, null)
                .statusWebhook(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/whatsapp"),
                        APP_SECRET);
        graph = new GraphApiCalls(sandbox.url());
        client = new SandboxClient(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void reportsSentThenDelivered_signedWithTheAppSecret() throws Exception {
        String to = GraphApiCalls.uniquePhone();
        String id = graph.send(GraphApiCalls.template(to, "order_shipped", "en", "Asha")).body()
                .at("/messages/0/id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messagesTo(to).get(0).status().equals("delivered"));

        assertThat(received).extracting(r -> status(r).path("status").asText()).containsExactly("sent", "delivered");
        for (Received call : received) {
            assertThat(call.signature()).isEqualTo("sha256=" + hmac(call.body()));
            JsonNode payload = JSON.readTree(call.body());
            assertThat(payload.path("object").asText()).isEqualTo("whatsapp_business_account");
            JsonNode value = payload.at("/entry/0/changes/0/value");
            assertThat(payload.at("/entry/0/changes/0/field").asText()).isEqualTo("messages");
            assertThat(value.at("/metadata/phone_number_id").asText()).isEqualTo(GraphApiCalls.PHONE_NUMBER_ID);
            JsonNode status = value.at("/statuses/0");
            assertThat(status.path("id").asText()).isEqualTo(id);
            assertThat(status.path("recipient_id").asText()).isEqualTo(to.substring(1));
            assertThat(status.path("timestamp").asText()).matches("[0-9]+");
        }
    }

    @Test
    void reportsFailed_forAFailureArmedToHappenLater() throws Exception {
        String to = GraphApiCalls.uniquePhone();
        client.failLater(131026, 1);

        GraphApiCalls.Answer answer = graph.send(GraphApiCalls.template(to, "order_shipped", "en", "Asha"));

        assertThat(answer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        JsonNode status = status(received.get(0));
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.at("/errors/0/code").asInt()).isEqualTo(131026);
        assertThat(client.messagesTo(to).get(0).status()).isEqualTo("failed");
        assertThat(client.messagesTo(to).get(0).errorCode()).isEqualTo(131026);
    }

    @Test
    void retriesAWebhookTheReceiverRefused() throws Exception {
        String to = GraphApiCalls.uniquePhone();
        failuresToAnswer.set(1);

        graph.send(GraphApiCalls.text(to, "hello"));

        await().atMost(Duration.ofSeconds(10)).until(() -> client.messagesTo(to).get(0).status().equals("delivered"));
        assertThat(received).extracting(r -> status(r).path("status").asText()).containsExactly("sent", "delivered");
    }

    private static JsonNode status(Received call) {
        try {
            return JSON.readTree(call.body()).at("/entry/0/changes/0/value/statuses/0");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
