package dev.shipnotify.infra.mail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The web page lists what arrived, escapes it, and shows a message's HTML only inside a sandbox. */
class MailboxPageTest {
    private static final String HOSTILE_SUBJECT = "<script>alert('x')</script> & \"Delivered\"";

    private final HttpClient http = HttpClient.newHttpClient();
    private Mailbox mailbox;

    @BeforeEach
    void start() throws Exception {
        mailbox = Mailbox.start("127.0.0.1", 0, 0, null);
    }

    @AfterEach
    void stop() {
        mailbox.close();
    }

    @Test
    void listsTheSubject_escaped_andRefreshesItself() throws Exception {
        TestMails.sendText(mailbox.smtpPort(), TestMails.uniqueAddress("page"), HOSTILE_SUBJECT, "hi");

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Delivered&quot;")
                .doesNotContain("<script>")
                .contains("http-equiv=\"refresh\"");
    }

    @Test
    void showsOneMessage_withItsHtmlInASandboxedFrame() throws Exception {
        String to = TestMails.uniqueAddress("view");
        var session = TestMails.session(mailbox.smtpPort());
        jakarta.mail.Transport.send(TestMails.shipped(session, to, HOSTILE_SUBJECT, "text part",
                "<p onclick=\"steal()\">html part</p><script>steal()</script>"));
        String id = new MailboxClient(mailbox.apiUrl()).messagesTo(to).get(0).id();

        HttpResponse<String> view = get("/view/" + id);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body())
                .contains("<iframe sandbox=\"\"")
                .contains("text part")
                .contains("X-Shipnotify-Order")
                .doesNotContain("<script>");

        HttpResponse<String> html = get("/view/" + id + "/html");
        assertThat(html.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'").contains("sandbox"));
        assertThat(html.body()).contains("html part");

        assertThat(get("/view/unknown").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(mailbox.apiUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
