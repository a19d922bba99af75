package dev.shipnotify.infra.whatsapp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message log keeps its messages, newest first, in memory and in an append-only file. */
class MessageLogTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static SentMessage message(int n) {
        return new SentMessage("wamid.m" + n, "1234567890", "+9198765" + String.format("%05d", n),
                "9198765" + String.format("%05d", n), "template", "order_shipped", "en", List.of("Asha " + n),
                null, null, null, T0.plusSeconds(n), "accepted", null);
    }

    private static List<String> ids(List<SentMessage> messages) {
        return messages.stream().map(SentMessage::id).toList();
    }

    @Test
    void keepsMessagesAndTheirLatestStatusAcrossAReopen_newestFirst(@TempDir Path dir) throws Exception {
        try (MessageLog log = MessageLog.open(dir)) {
            log.add(message(1));
            log.add(message(2));
            log.add(message(3));
            log.update("wamid.m1", m -> m.withStatus("sent", null));
            log.update("wamid.m1", m -> m.withStatus("delivered", null));
            log.update("wamid.m2", m -> m.withStatus("failed", 131026));
            log.update("wamid.unknown", m -> m.withStatus("read", null));

            assertThat(ids(log.all())).containsExactly("wamid.m3", "wamid.m2", "wamid.m1");
            assertThat(log.find("wamid.m1")).get().extracting(SentMessage::status).isEqualTo("delivered");
            assertThat(log.find(null)).isEmpty();
            assertThat(log.find("wamid.unknown")).isEmpty();
        }

        try (MessageLog reopened = MessageLog.open(dir)) {
            assertThat(reopened.all()).containsExactly(
                    message(3),
                    message(2).withStatus("failed", 131026),
                    message(1).withStatus("delivered", null));
            reopened.add(message(4));
            reopened.update("wamid.m3", m -> m.withStatus("read", null));
        }

        try (MessageLog again = MessageLog.open(dir)) {
            assertThat(ids(again.all())).containsExactly("wamid.m4", "wamid.m3", "wamid.m2", "wamid.m1");
            assertThat(again.find("wamid.m3")).get().extracting(SentMessage::status).isEqualTo("read");
        }
        assertThat(Files.readAllLines(dir.resolve(MessageLog.FILE_NAME))).hasSize(8); // 4 adds + 4 updates, appended
    }

    @Test
    void allIsACopy() throws Exception {
        try (MessageLog log = MessageLog.open(null)) {
            log.add(message(1));
            List<SentMessage> before = log.all();
            log.add(message(2));
            log.update("wamid.m1", m -> m.withStatus("sent", null));

            assertThat(before).containsExactly(message(1));
            assertThat(ids(log.all())).containsExactly("wamid.m2", "wamid.m1");
        }
    }

    @Test
    void clearEmptiesTheLogAndItsFile(@TempDir Path dir) throws Exception {
        try (MessageLog log = MessageLog.open(dir)) {
            log.add(message(1));
            log.add(message(2));
            log.update("wamid.m1", m -> m.withStatus("sent", null));

            assertThat(log.clear()).isEqualTo(2);
            assertThat(log.all()).isEmpty();
            assertThat(log.find("wamid.m1")).isEmpty();
            assertThat(Files.size(dir.resolve(MessageLog.FILE_NAME))).isZero();
        }
        try (MessageLog reopened = MessageLog.open(dir)) {
            assertThat(reopened.all()).isEmpty();
            reopened.add(message(3));
        }
        try (MessageLog again = MessageLog.open(dir)) {
            assertThat(again.all()).containsExactly(message(3));
        }
    }

    @Test
    void skipsATornLastLine_andAppendsAfterTheLastWholeOne(@TempDir Path dir) throws Exception {
        try (MessageLog log = MessageLog.open(dir)) {
            log.add(message(1));
            log.add(message(2));
        }
        Path file = dir.resolve(MessageLog.FILE_NAME);
        String whole = new String(MessageLog.JSON.writeValueAsBytes(message(1).withStatus("sent", null)),
                StandardCharsets.UTF_8);
        Files.writeString(file, whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

        try (MessageLog reopened = MessageLog.open(dir)) {
            assertThat(reopened.all()).containsExactly(message(2), message(1));
            reopened.add(message(3));
        }
        try (MessageLog again = MessageLog.open(dir)) {
            assertThat(again.all()).containsExactly(message(3), message(2), message(1));
        }
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void refusesALineThatIsNotAMessageBeforeTheLast(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(MessageLog.FILE_NAME);
        Files.writeString(file, "{\"id\":\"wamid.m1\"}\nnot json\n{\"id\":\"wamid.m2\"}\n");

        assertThatThrownBy(() -> MessageLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }

    @Test
    void keepsAWholeLastLineThatLacksItsNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(MessageLog.FILE_NAME);
        Files.write(file, MessageLog.JSON.writeValueAsBytes(message(1)));

        try (MessageLog log = MessageLog.open(dir)) {
            assertThat(log.all()).containsExactly(message(1));
            log.add(message(2));
        }
        try (MessageLog reopened = MessageLog.open(dir)) {
            assertThat(reopened.all()).containsExactly(message(2), message(1));
        }
    }

    @Test
    void movesTheOldWholeListFileIntoTheNewOne(@TempDir Path dir) throws Exception {
        Path old = dir.resolve(MessageLog.OLD_FILE_NAME);
        List<SentMessage> newestFirst = List.of(message(3), message(2).withStatus("delivered", null), message(1));
        MessageLog.JSON.writeValue(old.toFile(), newestFirst);

        try (MessageLog log = MessageLog.open(dir)) {
            assertThat(log.all()).isEqualTo(newestFirst);
            assertThat(old).doesNotExist();
            assertThat(dir.resolve(MessageLog.FILE_NAME)).exists();
            log.add(message(4));
            log.update("wamid.m1", m -> m.withStatus("read", null));
        }
        try (MessageLog reopened = MessageLog.open(dir)) {
            assertThat(reopened.all()).containsExactly(
                    message(4), message(3), message(2).withStatus("delivered", null), message(1).withStatus("read", null));
        }
    }

    @Test
    void keepsUpWithManyMessagesAndUpdates(@TempDir Path dir) throws Exception {
        int count = 20_000;
        List<SentMessage> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sent.add(message(i));
        }
        try (MessageLog log = MessageLog.open(dir)) {
            for (SentMessage m : sent) {
                log.add(m);
            }
            for (SentMessage m : sent) {
                log.update(m.id(), x -> x.withStatus("sent", null));
            }
            for (SentMessage m : sent) {
                log.update(m.id(), x -> x.withStatus("delivered", null));
            }
        }
        try (MessageLog reopened = MessageLog.open(dir)) {
            List<SentMessage> all = reopened.all();
            assertThat(all).hasSize(count);
            assertThat(all.get(0)).isEqualTo(sent.get(count - 1).withStatus("delivered", null));
            assertThat(all.get(count - 1)).isEqualTo(sent.get(0).withStatus("delivered", null));
            assertThat(all).allMatch(m -> m.status().equals("delivered"));
        }
    }
}
