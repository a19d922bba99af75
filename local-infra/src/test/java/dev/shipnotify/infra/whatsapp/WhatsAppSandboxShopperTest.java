package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The shopper's side: where webhooks go is set at runtime, and a reply, a button tap or a read reaches the
 * business's webhook at once, signed and shaped as Meta delivers it.
 */
class WhatsAppSandboxShopperTest {
    private static final String APP_SECRET = "app-secret-for-shopper-tests";
    private static final String OTHER_PHONE_NUMBER_ID = "106540352242999";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook call as the receiver saw it, and the status it answered. */
    record Received(byte[] body, String signature, int answered) {
        JsonNode payload() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode value() {
            return payload().at("/entry/0/changes/0/value");
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answerWith = new AtomicInteger(200);
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer receiver;
    private String webhookUrl;
    private WhatsAppSandbox sandbox;
    private GraphApiCalls graph;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks/whatsapp", exchange -> {
            try (exchange) {
                int status = answerWith.get();
                received.add(new Received(exchange.getRequestBody().readAllBytes(),
                        exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"), status));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        receiver.start();
        webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/whatsapp";
        sandbox = WhatsAppSandbox.start("127.0.0.1", 0, GraphApiCalls.TOKEN, null);
        graph = new GraphApiCalls(sandbox.url());
        client = new SandboxClient(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void webhookSetAtRuntime_reportsTheNextSendsStatuses_andIsReadBackWithoutTheSecret() throws Exception {
        assertThat(call("GET", "/sandbox/webhook", null).body()).isEqualTo("{\"url\":null}");
        String before = send(GraphApiCalls.uniquePhone());

        client.statusWebhook(webhookUrl, APP_SECRET);
        String after = send(GraphApiCalls.uniquePhone());

        HttpResponse<String> configured = call("GET", "/sandbox/webhook", null);
        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(configured.body())).isEqualTo(JSON.createObjectNode().put("url", webhookUrl));
        assertThat(configured.body()).doesNotContain(APP_SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(after).equals("delivered"));
        assertThat(received).extracting(r -> r.value().at("/statuses/0/id").asText()).containsOnly(after);
        assertThat(received).extracting(r -> r.value().at("/statuses/0/status").asText())
                .containsExactly("sent", "delivered");
        assertThat(received).allSatisfy(r -> assertThat(r.signature()).isEqualTo(signature(r.body())));
        assertThat(statusOf(before)).isEqualTo("accepted");

        client.statusWebhook(null, null);

        assertThat(call("GET", "/sandbox/webhook", null).body()).isEqualTo("{\"url\":null}");
        assertThatThrownBy(() -> client.reply(GraphApiCalls.uniquePhone(), "hi"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("409");
    }

    @Test
    void reply_reachesTheWebhookSigned_asMetaDeliversAText() throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);
        String from = GraphApiCalls.uniquePhone();

        assertThat(client.reply(from, "STOP")).isEqualTo(200);

        assertThat(received).hasSize(1);
        Received call = received.get(0);
        assertThat(call.signature()).isEqualTo(signature(call.body()));
        JsonNode message = call.value().at("/messages/0");
        assertFreshInbound(message);
        assertThat(call.payload()).isEqualTo(JSON.readTree("""
                {"object": "whatsapp_business_account",
                 "entry": [{"id": "100000000000001", "changes": [{"field": "messages", "value": {
                   "messaging_product": "whatsapp",
                   "metadata": {"display_phone_number": "15550000000", "phone_number_id": "100000000000002"},
                   "contacts": [{"profile": {"name": "Sandbox shopper"}, "wa_id": "%1$s"}],
                   "messages": [{"from": "%1$s", "id": "%2$s", "timestamp": "%3$s",
                                 "type": "text", "text": {"body": "STOP"}}]}}]}]}
                """.formatted(from.substring(1), message.path("id").asText(), message.path("timestamp").asText())));
    }

    @Test
    void tapButton_reachesTheWebhookSigned_fromTheNumberOfTheMessageItAnswers() throws Exception {
        String from = GraphApiCalls.uniquePhone();
        String answered = send(from);
        sendFrom(OTHER_PHONE_NUMBER_ID, from);
        client.statusWebhook(webhookUrl, APP_SECRET);

        assertThat(client.tapButton(from, answered, "REATTEMPT", "Deliver again")).isEqualTo(200);

        assertThat(received).hasSize(1);
        Received call = received.get(0);
        assertThat(call.signature()).isEqualTo(signature(call.body()));
        JsonNode message = call.value().at("/messages/0");
        assertFreshInbound(message);
        assertThat(call.payload()).isEqualTo(JSON.readTree("""
                {"object": "whatsapp_business_account",
                 "entry": [{"id": "100000000000001", "changes": [{"field": "messages", "value": {
                   "messaging_product": "whatsapp",
                   "metadata": {"display_phone_number": "15550000000", "phone_number_id": "%4$s"},
                   "contacts": [{"profile": {"name": "Sandbox shopper"}, "wa_id": "%1$s"}],
                   "messages": [{"from": "%1$s", "id": "%2$s", "timestamp": "%3$s", "type": "button",
                                 "button": {"payload": "REATTEMPT", "text": "Deliver again"},
                                 "context": {"from": "15550000000", "id": "%5$s"}}]}}]}]}
                """.formatted(from.substring(1), message.path("id").asText(), message.path("timestamp").asText(),
                GraphApiCalls.PHONE_NUMBER_ID, answered)));
    }

    @Test
    void reply_comesFromTheNumberThatLastWroteToTheShopper() throws Exception {
        String from = GraphApiCalls.uniquePhone();
        send(from);
        sendFrom(OTHER_PHONE_NUMBER_ID, from);
        client.statusWebhook(webhookUrl, APP_SECRET);

        client.reply(from, "Where is my order?");

        assertThat(received.get(0).value().at("/metadata/phone_number_id").asText()).isEqualTo(OTHER_PHONE_NUMBER_ID);
    }

    @Test
    void inbound_answersTheNewMessagesId_andWhatTheWebhookAnswered() throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);
        answerWith.set(401);

        HttpResponse<String> answer = call("POST", "/sandbox/inbound", "{\"from\":\"+91 98765 43210\",\"text\":\"hi\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode message = received.get(0).value().at("/messages/0");
        assertThat(message.path("from").asText()).isEqualTo("919876543210");
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.createObjectNode()
                .put("id", message.path("id").asText()).put("webhookStatus", 401));
        assertThat(received).hasSize(1);
    }

    @Test
    void markRead_postsAReadStatus_andListsTheMessageAsRead() throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);
        String to = GraphApiCalls.uniquePhone();
        String id = send(to);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(id).equals("delivered"));

        assertThat(client.markRead(id)).isEqualTo(200);

        Received call = received.get(received.size() - 1);
        assertThat(call.signature()).isEqualTo(signature(call.body()));
        assertThat(call.payload().path("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(call.value().at("/metadata/phone_number_id").asText()).isEqualTo(GraphApiCalls.PHONE_NUMBER_ID);
        JsonNode status = call.value().at("/statuses/0");
        assertThat(status.path("id").asText()).isEqualTo(id);
        assertThat(status.path("status").asText()).isEqualTo("read");
        assertThat(status.path("recipient_id").asText()).isEqualTo(to.substring(1));
        assertThat(status.path("timestamp").asText()).matches("[0-9]+");
        assertThat(client.messages()).filteredOn(m -> m.id().equals(id)).extracting(SentMessage::status)
                .containsExactly("read");
    }

    @Test
    void markRead_refusedByTheWebhook_answersItsStatus_onceAndWithoutRecordingRead() throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);
        String id = send(GraphApiCalls.uniquePhone());
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(id).equals("delivered"));
        answerWith.set(500);

        assertThat(client.markRead(id)).isEqualTo(500);

        assertThat(received).extracting(r -> r.value().at("/statuses/0/status").asText())
                .containsExactly("sent", "delivered", "read");
        assertThat(statusOf(id)).isEqualTo("delivered");
    }

    @Test
    void withoutAWebhook_inboundAndRead_answer409() throws Exception {
        String id = send(GraphApiCalls.uniquePhone());

        HttpResponse<String> reply = call("POST", "/sandbox/inbound", "{\"from\":\"+919876543210\",\"text\":\"STOP\"}");
        HttpResponse<String> read = call("POST", "/sandbox/messages/" + id + "/read", "");

        assertThat(reply.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(reply.body()).path("error").asText()).isNotBlank();
        assertThat(read.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(read.body()).path("error").asText()).isNotBlank();
        assertThatThrownBy(() -> client.markRead(id)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("409");
    }

    @Test
    void markRead_ofAnUnknownMessage_answers404() throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);

        HttpResponse<String> answer = call("POST", "/sandbox/messages/wamid.unknown/read", "");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).contains("wamid.unknown");
        assertThatThrownBy(() -> client.markRead("wamid.unknown")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("404");
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"text\":\"STOP\"}",
            "{\"from\":\"\",\"text\":\"STOP\"}",
            "{\"from\":919876543210,\"text\":\"STOP\"}",
            "{\"from\":\"+919876543210\"}",
            "{\"from\":\"+919876543210\",\"text\":\"STOP\",\"button\":{\"payload\":\"P\",\"text\":\"T\"}}",
            "{\"from\":\"+919876543210\",\"text\":\"\"}",
            "{\"from\":\"+919876543210\",\"button\":{\"text\":\"Deliver again\"}}",
            "{\"from\":\"+919876543210\",\"text\":\"STOP\",\"context\":{\"id\":\"wamid.x\"}}"})
    void inbound_refusesABadBody_with400(String body) throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);

        HttpResponse<String> answer = call("POST", "/sandbox/inbound", body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isNotBlank();
        assertThat(received).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"url\":\"http://127.0.0.1:8083/webhooks/whatsapp\"}",
            "{\"url\":\"http://127.0.0.1:8083/webhooks/whatsapp\",\"appSecret\":\"\"}",
            "{\"url\":\"/webhooks/whatsapp\",\"appSecret\":\"s\"}",
            "{\"url\":\"ftp://127.0.0.1/webhooks\",\"appSecret\":\"s\"}",
            "not json"})
    void webhook_refusesAUrlWithoutSecretOrNotHttp_with400_andKeepsTheOldOne(String body) throws Exception {
        client.statusWebhook(webhookUrl, APP_SECRET);

        HttpResponse<String> answer = call("PUT", "/sandbox/webhook", body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).isNotBlank();
        assertThat(JSON.readTree(call("GET", "/sandbox/webhook", null).body()).path("url").asText())
                .isEqualTo(webhookUrl);
    }

    @Test
    void inbound_toAnUnreachableWebhook_answers502() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        client.statusWebhook("http://127.0.0.1:" + closedPort + "/webhooks/whatsapp", APP_SECRET);

        HttpResponse<String> answer = call("POST", "/sandbox/inbound", "{\"from\":\"+919876543210\",\"text\":\"STOP\"}");

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).contains(String.valueOf(closedPort));
    }

    private String send(String to) throws Exception {
        return sendFrom(GraphApiCalls.PHONE_NUMBER_ID, to);
    }

    private String sendFrom(String phoneNumberId, String to) throws Exception {
        GraphApiCalls.Answer answer = graph.send("Bearer " + GraphApiCalls.TOKEN, "/v21.0/" + phoneNumberId + "/messages",
                GraphApiCalls.template(to, "order_shipped", "en", "Asha"));
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().at("/messages/0/id").asText();
    }

    private String statusOf(String id) {
        return client.messages().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow().status();
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.url() + path)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A new {@code wamid}, stamped now in epoch seconds. */
    private static void assertFreshInbound(JsonNode message) {
        assertThat(message.path("id").asText()).startsWith("wamid.");
        assertThat(message.path("timestamp").asText()).matches("[0-9]+");
        assertThat(Long.parseLong(message.path("timestamp").asText()))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
    }

    private static String signature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
