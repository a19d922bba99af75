package dev.shipnotify.infra.whatsapp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Armed failures answer the next sends with the Graph API error Meta would send. */
class WhatsAppSandboxFailureTest {
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
    void failNext_answersTheErrorTwice_thenAcceptsAgain() throws Exception {
        String to = GraphApiCalls.uniquePhone();
        String body = GraphApiCalls.template(to, "order_shipped", "en", "Asha");
        client.failNext(130429, 2);

        for (int call = 0; call < 2; call++) {
            GraphApiCalls.Answer refused = graph.send(body);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().at("/error/code").asInt()).isEqualTo(130429);
            assertThat(refused.body().at("/error/message").asText()).isEqualTo("(#130429) Rate limit hit");
            assertThat(refused.body().at("/error/type").asText()).isEqualTo("OAuthException");
            assertThat(refused.body().at("/error/error_data/messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(refused.body().at("/error/error_data/details").asText()).isNotBlank();
            assertThat(refused.body().at("/error/fbtrace_id").asText()).isNotBlank();
        }
        GraphApiCalls.Answer accepted = graph.send(body);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(client.messagesTo(to)).hasSize(1);
    }

    @Test
    void armedFailuresQueueUp_inTheOrderTheyWereArmed() throws Exception {
        String body = GraphApiCalls.text(GraphApiCalls.uniquePhone(), "hi");
        client.failNext(131056, 1);
        client.failNext(190, 1);
        client.failNext(131026, 1, 503);

        assertThat(codeAndStatus(graph.send(body))).isEqualTo("131056/400");
        assertThat(codeAndStatus(graph.send(body))).isEqualTo("190/401");
        assertThat(codeAndStatus(graph.send(body))).isEqualTo("131026/503");
        assertThat(graph.send(body).status()).isEqualTo(200);
    }

    @Test
    void aFailureArmedForOneRecipient_letsOtherRecipientsThrough() throws Exception {
        String target = GraphApiCalls.uniquePhone();
        String bystander = GraphApiCalls.uniquePhone();
        client.failNext(target, 190, 1);

        assertThat(graph.send(GraphApiCalls.text(bystander, "hi")).status()).isEqualTo(200);
        assertThat(codeAndStatus(graph.send(GraphApiCalls.text(target, "hi")))).isEqualTo("190/401");
        assertThat(graph.send(GraphApiCalls.text(target, "hi")).status()).isEqualTo(200);
        assertThat(client.messagesTo(bystander)).hasSize(1);
    }

    @Test
    void knowsMetasStatusAndTitle_forTheCodesThatDecideRetryOrFallback() throws Exception {
        String body = GraphApiCalls.text(GraphApiCalls.uniquePhone(), "hi");
        client.failNext(131047, 1);
        client.failNext(100, 1);

        GraphApiCalls.Answer outsideWindow = graph.send(body);
        assertThat(outsideWindow.status()).isEqualTo(400);
        assertThat(outsideWindow.body().at("/error/message").asText()).isEqualTo("(#131047) Re-engagement message");
        assertThat(outsideWindow.body().at("/error/error_data/details").asText()).contains("24 hours");

        GraphApiCalls.Answer invalid = graph.send(body);
        assertThat(invalid.body().at("/error/message").asText()).isEqualTo("(#100) Invalid parameter");
    }

    @Test
    void reset_forgetsMessagesAndDisarmsFailures() throws Exception {
        String body = GraphApiCalls.text(GraphApiCalls.uniquePhone(), "hi");
        graph.send(body);
        client.failNext(130429, 5);

        client.reset();

        assertThat(client.messages()).isEmpty();
        assertThat(graph.send(body).status()).isEqualTo(200);
    }

    @Test
    void refusesAFailureWithoutCode() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(sandbox.url() + "/sandbox/failures"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"count\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("code");
    }

    private static String codeAndStatus(GraphApiCalls.Answer answer) {
        return answer.body().at("/error/code").asInt() + "/" + answer.status();
    }
}
