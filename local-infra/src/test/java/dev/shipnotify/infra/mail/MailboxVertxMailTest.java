package dev.shipnotify.infra.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Vert.x mail client, which quarkus-mailer uses, delivers to the mailbox with the settings a service uses. */
class MailboxVertxMailTest {
    private Vertx vertx;
    private Mailbox mailbox;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        mailbox = Mailbox.start("127.0.0.1", 0, 0, null);
    }

    @AfterEach
    void stop() throws Exception {
        mailbox.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void acceptsHtmlTextAndAttachment_fromTheQuarkusMailerClient() throws Exception {
        String to = TestMails.uniqueAddress("vertx");
        MailMessage message = new MailMessage()
                .setFrom("Demo Shop <orders@shop.example>")
                .setTo(List.of(to))
                .setSubject("আপনার অর্ডার পৌঁছে গেছে")
                .setText("Your parcel was delivered.\n.\nThanks!")
                .setHtml("<p>Your parcel was <b>delivered</b>.</p>")
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("List-Unsubscribe", "<https://shop.example/u?t=1>")
                        .add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
                .setAttachment(List.of(MailAttachment.create()
                        .setName("invoice.txt")
                        .setContentType("text/plain")
                        .setDisposition("attachment")
                        .setData(Buffer.buffer("invoice ord-42"))));

        send(new MailConfig(), message);

        MailboxClient client = new MailboxClient(mailbox.apiUrl());
        MailboxClient.Summary summary = client.messagesTo(to).get(0);
        MailboxClient.Message received = client.message(summary.id());
        assertThat(received.subject()).isEqualTo("আপনার অর্ডার পৌঁছে গেছে");
        assertThat(received.text().replace("\r\n", "\n")).isEqualTo("Your parcel was delivered.\n.\nThanks!");
        assertThat(received.html()).contains("<b>delivered</b>");

        JsonNode json = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(mailbox.apiUrl() + "/api/v1/message/" + summary.id())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(json.at("/Attachments/0/FileName").asText()).isEqualTo("invoice.txt");
        assertThat(json.at("/ListUnsubscribe/Links/0").asText()).isEqualTo("https://shop.example/u?t=1");
        assertThat(json.at("/ListUnsubscribe/HeaderPost").asText()).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void acceptsAClientThatMustLogIn() throws Exception {
        String to = TestMails.uniqueAddress("login");
        MailConfig config = new MailConfig().setLogin(LoginOption.REQUIRED).setUsername("relay-user")
                .setPassword("relay-password");

        send(config, new MailMessage().setFrom("orders@shop.example").setTo(to).setSubject("with login")
                .setText("hi"));

        assertThat(new MailboxClient(mailbox.apiUrl()).messagesTo(to)).hasSize(1);
    }

    private void send(MailConfig config, MailMessage message) throws Exception {
        config.setHostname("127.0.0.1").setPort(mailbox.smtpPort()).setStarttls(StartTLSOptions.OPTIONAL);
        MailClient client = MailClient.create(vertx, config);
        try {
            client.sendMail(message).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }
}
