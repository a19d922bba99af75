package dev.shipnotify.infra.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** With a storage directory the mailbox survives a restart, and DELETE removes the files too. */
class MailboxStorageTest {

    @Test
    void keepsMessagesAcrossARestart(@TempDir Path dir) throws Exception {
        String to = TestMails.uniqueAddress("durable");
        String id;
        try (Mailbox mailbox = Mailbox.start("127.0.0.1", 0, 0, dir)) {
            TestMails.sendText(mailbox.smtpPort(), to, "survives — बचा रहेगा", "still here");
            id = new MailboxClient(mailbox.apiUrl()).messagesTo(to).get(0).id();
        }
        assertThat(dir.resolve(id + ".eml")).exists();

        try (Mailbox restarted = Mailbox.start("127.0.0.1", 0, 0, dir)) {
            MailboxClient client = new MailboxClient(restarted.apiUrl());
            assertThat(client.messagesTo(to)).extracting(MailboxClient.Summary::id).containsExactly(id);
            MailboxClient.Message message = client.message(id);
            assertThat(message.subject()).isEqualTo("survives — बचा रहेगा");
            assertThat(message.text()).isEqualTo("still here\r\n");
        }
    }

    @Test
    void deleteAll_removesTheFiles_soNothingComesBackAfterARestart(@TempDir Path dir) throws Exception {
        try (Mailbox mailbox = Mailbox.start("127.0.0.1", 0, 0, dir)) {
            TestMails.sendText(mailbox.smtpPort(), TestMails.uniqueAddress("temp"), "temporary", "x");
            new MailboxClient(mailbox.apiUrl()).deleteAll();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        try (Mailbox restarted = Mailbox.start("127.0.0.1", 0, 0, dir)) {
            assertThat(new MailboxClient(restarted.apiUrl()).messages()).isEmpty();
        }
    }
}
