package dev.shipnotify.infra.mail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP conversation itself, spoken over a plain socket, reply code by reply code. */
class MailboxSmtpProtocolTest {
    private Mailbox mailbox;

    @AfterEach
    void stop() {
        if (mailbox != null) {
            mailbox.close();
        }
    }

    private Mailbox start(int maxMessageBytes) throws IOException {
        mailbox = Mailbox.start("127.0.0.1", 0, 0, null, maxMessageBytes);
        return mailbox;
    }

    @Test
    void answersEachCommandWithTheRfc5321ReplyCode() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            assertThat(smtp.read().code()).isEqualTo(220);
            assertThat(smtp.command("MAIL FROM:<a@example.com>").code()).isEqualTo(503);

            SmtpConversation.Reply ehlo = smtp.command("EHLO client.test");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).contains("8BITMIME", "PIPELINING", "SIZE " + Mailbox.DEFAULT_MAX_MESSAGE_BYTES);

            assertThat(smtp.command("NOOP").code()).isEqualTo(250);
            assertThat(smtp.command("VRFY asha").code()).isEqualTo(252);
            assertThat(smtp.command("RCPT TO:<b@example.com>").code()).isEqualTo(503);
            assertThat(smtp.command("DATA").code()).isEqualTo(503);
            assertThat(smtp.command("MAIL FROM:<a@example.com> SIZE=999999999999").code()).isEqualTo(552);
            assertThat(smtp.command("MAIL FROM:<a@example.com> BODY=8BITMIME SIZE=100").code()).isEqualTo(250);
            assertThat(smtp.command("MAIL FROM:<a@example.com>").code()).isEqualTo(503);
            assertThat(smtp.command("DATA").code()).isEqualTo(554);
            assertThat(smtp.command("RCPT TO:<b@example.com>").code()).isEqualTo(250);
            assertThat(smtp.command("RSET").code()).isEqualTo(250);
            assertThat(smtp.command("DATA").code()).isEqualTo(503);
            assertThat(smtp.command("MAIL FROM:<a@example.com> FOO=BAR").code()).isEqualTo(555);
            assertThat(smtp.command("WHAT").code()).isEqualTo(500);
            assertThat(smtp.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void unstuffsDotsAndEndsDataAtTheLoneDot() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        String to = TestMails.uniqueAddress("raw");
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            SmtpConversation.Reply done = smtp.deliver("shop@example.com", to,
                    "Subject: raw\r\n\r\n..leading dot\r\n...two dots\r\nplain\r\n.\r\n");
            assertThat(done.code()).isEqualTo(250);
        }

        MailboxClient client = new MailboxClient(mailbox.apiUrl());
        String text = client.message(client.messagesTo(to).get(0).id()).text();
        assertThat(text).isEqualTo(".leading dot\r\n..two dots\r\nplain\r\n");
    }

    @Test
    void answersPipelinedCommandsInOrder() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        String to = TestMails.uniqueAddress("pipe");
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            smtp.read();
            smtp.command("EHLO client.test");
            smtp.write("MAIL FROM:<shop@example.com>\r\nRCPT TO:<" + to + ">\r\nDATA\r\n");
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(354);
            smtp.write("Subject: pipelined\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertThat(smtp.read().code()).isEqualTo(250);
            assertThat(smtp.read().code()).isEqualTo(221);
        }
        assertThat(new MailboxClient(mailbox.apiUrl()).messagesTo(to)).hasSize(1);
    }

    @Test
    void refusesAMessageOverTheSizeLimit_andKeepsTheConnectionUsable() throws Exception {
        start(1024);
        String to = TestMails.uniqueAddress("big");
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            SmtpConversation.Reply tooBig = smtp.deliver("shop@example.com", to,
                    "Subject: big\r\n\r\n" + "x".repeat(2000) + "\r\n.\r\n");
            assertThat(tooBig.code()).isEqualTo(552);

            smtp.command("MAIL FROM:<shop@example.com>");
            smtp.command("RCPT TO:<" + to + ">");
            smtp.command("DATA");
            smtp.write("Subject: small\r\n\r\nfits\r\n.\r\n");
            assertThat(smtp.read().code()).isEqualTo(250);
        }
        assertThat(new MailboxClient(mailbox.apiUrl()).messagesTo(to))
                .extracting(MailboxClient.Summary::subject).containsExactly("small");
    }

    @Test
    void toleratesLongLinesAndBareLineFeeds() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        String to = TestMails.uniqueAddress("long");
        String longLine = "y".repeat(5000);
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            SmtpConversation.Reply done = smtp.deliver("shop@example.com", to,
                    "Subject: long\n\n" + longLine + "\nshort\n.\n");
            assertThat(done.code()).isEqualTo(250);
        }
        MailboxClient client = new MailboxClient(mailbox.apiUrl());
        assertThat(client.message(client.messagesTo(to).get(0).id()).text()).isEqualTo(longLine + "\r\nshort\r\n");
    }

    @Test
    void acceptsAnyCredentials_soClientsConfiguredToLogInStillDeliver() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            smtp.read();
            assertThat(smtp.command("EHLO client.test").lines()).contains("AUTH PLAIN LOGIN");
            assertThat(smtp.command("AUTH PLAIN AHVzZXIAcGFzcw==").code()).isEqualTo(235);
            assertThat(smtp.command("AUTH PLAIN AHVzZXIAcGFzcw==").code()).isEqualTo(503);
        }
        try (SmtpConversation smtp = new SmtpConversation(mailbox.smtpPort())) {
            smtp.read();
            smtp.command("EHLO client.test");
            assertThat(smtp.command("AUTH LOGIN").code()).isEqualTo(334);
            assertThat(smtp.command("dXNlcg==").code()).isEqualTo(334);
            assertThat(smtp.command("cGFzcw==").code()).isEqualTo(235);
        }
    }

    @Test
    void servesSeveralConnectionsAtOnce() throws Exception {
        start(Mailbox.DEFAULT_MAX_MESSAGE_BYTES);
        try (SmtpConversation first = new SmtpConversation(mailbox.smtpPort());
             SmtpConversation second = new SmtpConversation(mailbox.smtpPort())) {
            assertThat(first.read().code()).isEqualTo(220);
            assertThat(second.read().code()).isEqualTo(220);
            assertThat(second.command("HELO two.test").code()).isEqualTo(250);
            assertThat(first.command("HELO one.test").code()).isEqualTo(250);
        }
    }
}
