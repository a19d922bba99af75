package dev.shipnotify.infra.whatsapp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends are checked and answered the way the Cloud API checks and answers them. */
class WhatsAppSandboxSendTest {
    private WhatsAppSandbox sandbox;
    private GraphApiCalls graph;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = WhatsAppSandbox.start("127.0.0.1", 0, GraphApiCalls.TOKEN, null);
        graph = new GraphApiCalls(sandbox.url());
        client = new SandboxClient(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void acceptsATemplate_answeringLikeTheCloudApi_andListsIt() throws Exception {
        String to = GraphApiCalls.uniquePhone();

        GraphApiCalls.Answer answer = graph.send(
                GraphApiCalls.template(to, "order_shipped", "hi", "आशा", "ord-42", "BlueDart"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(answer.body().path("contacts").get(0).path("input").asText()).isEqualTo(to);
        assertThat(answer.body().path("contacts").get(0).path("wa_id").asText()).isEqualTo(to.substring(1));
        String id = answer.body().path("messages").get(0).path("id").asText();
        assertThat(id).startsWith("wamid.");

        List<SentMessage> listed = client.messagesTo(to);
        assertThat(listed).hasSize(1);
        SentMessage message = listed.get(0);
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.phoneNumberId()).isEqualTo(GraphApiCalls.PHONE_NUMBER_ID);
        assertThat(message.type()).isEqualTo("template");
        assertThat(message.templateName()).isEqualTo("order_shipped");
        assertThat(message.language()).isEqualTo("hi");
        assertThat(message.parameters()).containsExactly("आशा", "ord-42", "BlueDart");
        assertThat(message.status()).isEqualTo("accepted");
        assertThat(message.time()).isNotNull();
    }

    @Test
    void givesEveryMessageItsOwnId() throws Exception {
        String to = GraphApiCalls.uniquePhone();
        String first = graph.send(GraphApiCalls.text(to, "one")).body().at("/messages/0/id").asText();
        String second = graph.send(GraphApiCalls.text(to, "two")).body().at("/messages/0/id").asText();

        assertThat(first).isNotEqualTo(second);
        assertThat(client.messagesTo(to)).extracting(SentMessage::text).containsExactly("two", "one");
    }

    @Test
    void refusesAWrongOrMissingToken_with401AndCode190() throws Exception {
        String body = GraphApiCalls.text(GraphApiCalls.uniquePhone(), "hi");
        String path = "/v21.0/" + GraphApiCalls.PHONE_NUMBER_ID + "/messages";

        for (String authorization : new String[] {"Bearer wrong-token", null}) {
            GraphApiCalls.Answer answer = graph.send(authorization, path, body);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().at("/error/code").asInt()).isEqualTo(190);
            assertThat(answer.body().at("/error/type").asText()).isEqualTo("OAuthException");
            assertThat(answer.body().at("/error/fbtrace_id").asText()).isNotBlank();
        }
        assertThat(client.messages()).isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        String to = GraphApiCalls.uniquePhone();
        return Stream.of(
                Arguments.of("no messaging_product",
                        GraphApiCalls.text(to, "x").replace("\"messaging_product\":\"whatsapp\",", ""),
                        "messaging_product"),
                Arguments.of("wrong messaging_product",
                        GraphApiCalls.text(to, "x").replace("\"whatsapp\"", "\"sms\""), "messaging_product"),
                Arguments.of("letters in to", GraphApiCalls.text("call-me-maybe", "x"), "to"),
                Arguments.of("template without name",
                        GraphApiCalls.template(to, "x", "en").replace("\"name\":\"x\",", ""), "template.name"),
                Arguments.of("template without language code",
                        GraphApiCalls.template(to, "order_shipped", "en").replace("{\"code\":\"en\"}", "{}"),
                        "template.language.code"),
                Arguments.of("parameter with a new line",
                        GraphApiCalls.template(to, "order_shipped", "en", "line one\nline two"), "new-line"),
                Arguments.of("text without body", GraphApiCalls.text(to, "x").replace("{\"body\":\"x\"}", "{}"),
                        "text.body"),
                Arguments.of("not JSON", "{oops", "JSON"),
                Arguments.of("unknown type", "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to
                        + "\",\"type\":\"fax\"}", "fax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void refusesAMalformedBody_with400AndCode100(String why, String body, String mentioned) throws Exception {
        GraphApiCalls.Answer answer = graph.send(body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asInt()).isEqualTo(100);
        assertThat(answer.body().at("/error/message").asText()).startsWith("(#100)");
        assertThat(answer.body().at("/error/error_data/details").asText()).contains(mentioned);
        assertThat(client.messages()).isEmpty();
    }

    @Test
    void refusesAPathWithoutAPhoneNumberId() throws Exception {
        GraphApiCalls.Answer answer = graph.send("Bearer " + GraphApiCalls.TOKEN, "/v21.0/not-a-number/messages",
                GraphApiCalls.text(GraphApiCalls.uniquePhone(), "x"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/error/code").asInt()).isEqualTo(100);
        assertThat(answer.body().at("/error/error_subcode").asInt()).isEqualTo(33);
    }

    @Test
    void keepsMessagesAcrossARestart(@TempDir Path dir) throws Exception {
        String to = GraphApiCalls.uniquePhone();
        try (WhatsAppSandbox first = WhatsAppSandbox.start("127.0.0.1", 0, GraphApiCalls.TOKEN, dir)) {
            new GraphApiCalls(first.url()).send(GraphApiCalls.template(to, "order_delivered", "bn", "ঋতু"));
        }
        try (WhatsAppSandbox restarted = WhatsAppSandbox.start("127.0.0.1", 0, GraphApiCalls.TOKEN, dir)) {
            assertThat(new SandboxClient(restarted.url()).messagesTo(to))
                    .singleElement()
                    .satisfies(m -> {
                        assertThat(m.templateName()).isEqualTo("order_delivered");
                        assertThat(m.parameters()).containsExactly("ঋতু");
                    });
        }
    }

    @Test
    void pageListsMessages_escaped() throws Exception {
        graph.send(GraphApiCalls.template(GraphApiCalls.uniquePhone(), "order_shipped", "en", "<b>Asha</b>"));

        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("order_shipped").contains("&lt;b&gt;Asha&lt;/b&gt;")
                .doesNotContain("<b>Asha</b>").contains("http-equiv=\"refresh\"");
    }
}
