package dev.shipnotify.infra.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Mail sent by jakarta.mail over real SMTP comes back through the Mailpit-compatible API. */
class MailboxDeliveryTest {
    private static final String HINDI_SUBJECT = "आपका ऑर्डर भेज दिया गया है — #ord-42";

    private Mailbox mailbox;
    private MailboxClient client;

    @BeforeEach
    void start() throws Exception {
        mailbox = Mailbox.start("127.0.0.1", 0, 0, null);
        client = new MailboxClient(mailbox.apiUrl());
    }

    @AfterEach
    void stop() {
        mailbox.close();
    }

    @Test
    void keepsMultipartHtmlAndTextMail_withUtf8SubjectAndCustomHeaders() throws Exception {
        String to = TestMails.uniqueAddress("asha");
        Session session = TestMails.session(mailbox.smtpPort());
        Transport.send(TestMails.shipped(session, to, HINDI_SUBJECT,
                "Namaste Asha,\nyour parcel is on its way.",
                "<html><body><h1>आपका पार्सल रास्ते में है</h1>"
                        + "<p>Track it <a href=\"https://t.example\">here</a></p></body></html>"));

        List<MailboxClient.Summary> found = client.messagesTo(to);
        assertThat(found).hasSize(1);
        MailboxClient.Summary summary = found.get(0);
        assertThat(summary.subject()).isEqualTo(HINDI_SUBJECT);
        assertThat(summary.from()).isEqualTo(new MailboxClient.Address("Demo Shop", "orders@shop.example"));
        assertThat(summary.to()).containsExactly(new MailboxClient.Address("आशा राव", to));
        assertThat(summary.snippet()).startsWith("Namaste Asha, your parcel is on its way.");
        assertThat(summary.created()).isNotNull();

        MailboxClient.Message message = client.message(summary.id());
        assertThat(message.subject()).isEqualTo(HINDI_SUBJECT);
        assertThat(message.text()).contains("your parcel is on its way.");
        assertThat(message.html()).contains("<h1>आपका पार्सल रास्ते में है</h1>");
        assertThat(message.returnPath()).isEqualTo("orders@shop.example");
        assertThat(message.date()).isNotNull();
        assertThat(message.messageId()).isNotBlank();

        var headers = client.headers(summary.id());
        assertThat(headers.get("X-Shipnotify-Order")).containsExactly("ord-42");
        assertThat(headers.get("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(headers.get("Message-ID")).containsExactly("<" + message.messageId() + ">");
        assertThat(headers.get("Content-Type").get(0)).startsWith("multipart/alternative");
    }

    @Test
    void keepsLinesThatStartWithADot_whenTheClientStuffsThem() throws Exception {
        String to = TestMails.uniqueAddress("dots");
        TestMails.sendText(mailbox.smtpPort(), to, "dots",
                "first\n.second starts with a dot\n..third with two\n.\nend");

        MailboxClient.Message message = client.message(client.messagesTo(to).get(0).id());

        assertThat(message.text().replace("\r\n", "\n"))
                .isEqualTo("first\n.second starts with a dot\n..third with two\n.\nend\n");
    }

    @Test
    void deliversEveryMessage_fromTwoConcurrentSenders() throws Exception {
        String to = TestMails.uniqueAddress("busy");
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> jobs = IntStream.range(0, 2).<Callable<Void>>mapToObj(sender -> () -> {
                for (int i = 0; i < 5; i++) {
                    TestMails.sendText(mailbox.smtpPort(), to, "sender " + sender + " message " + i, "hello");
                }
                return null;
            }).toList();
            for (Future<Void> done : senders.invokeAll(jobs)) {
                done.get();
            }
        } finally {
            senders.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> client.messagesTo(to).size() == 10);
        assertThat(client.messagesTo(to)).extracting(MailboxClient.Summary::subject).doesNotHaveDuplicates();
    }

    @Test
    void listsNewestFirst() throws Exception {
        String to = TestMails.uniqueAddress("order");
        TestMails.sendText(mailbox.smtpPort(), to, "older", "1");
        TestMails.sendText(mailbox.smtpPort(), to, "newer", "2");

        assertThat(client.messagesTo(to)).extracting(MailboxClient.Summary::subject).containsExactly("newer", "older");
    }

    @Test
    void reportsEnvelopeOnlyRecipientsAsBcc() throws Exception {
        String to = TestMails.uniqueAddress("visible");
        String hidden = TestMails.uniqueAddress("hidden");
        Session session = TestMails.session(mailbox.smtpPort());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("orders@shop.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setRecipient(Message.RecipientType.BCC, new InternetAddress(hidden));
        message.setSubject("with bcc");
        message.setText("hi");
        Transport.send(message);

        MailboxClient.Summary summary = client.messagesTo(hidden).get(0);
        assertThat(summary.bcc()).extracting(MailboxClient.Address::address).containsExactly(hidden);
        assertThat(client.headers(summary.id())).doesNotContainKey("Bcc");
    }

    @Test
    void answers404_forAnUnknownId() {
        assertThatThrownBy(() -> client.message("no-such-id")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> client.headers("no-such-id")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void deleteAll_emptiesTheMailbox() throws Exception {
        TestMails.sendText(mailbox.smtpPort(), TestMails.uniqueAddress("gone"), "soon gone", "bye");
        assertThat(client.messages()).isNotEmpty();

        client.deleteAll();

        assertThat(client.messages()).isEmpty();
    }
}
