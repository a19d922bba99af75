package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The accepted messages, newest first. With a directory the whole list is rewritten to
 * {@code messages.json} on every change (write-then-rename) and read back on start; a local run sends
 * few enough messages for that to stay cheap.
 */
final class MessageLog {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;
    private final List<SentMessage> newestFirst = new ArrayList<>();

    private MessageLog(Path file) {
        this.file = file;
    }

    static MessageLog open(Path dir) throws IOException {
        if (dir == null) {
            return new MessageLog(null);
        }
        Files.createDirectories(dir);
        MessageLog log = new MessageLog(dir.resolve("messages.json"));
        if (Files.exists(log.file)) {
            log.newestFirst.addAll(JSON.readValue(log.file.toFile(), new TypeReference<List<SentMessage>>() {
            }));
        }
        return log;
    }

    synchronized void add(SentMessage message) {
        newestFirst.add(0, message);
        save();
    }

    synchronized void update(String id, UnaryOperator<SentMessage> change) {
        for (int i = 0; i < newestFirst.size(); i++) {
            if (newestFirst.get(i).id().equals(id)) {
                newestFirst.set(i, change.apply(newestFirst.get(i)));
                save();
                return;
            }
        }
    }

    /** The message with this id, if the log still has it; none for {@code null}. */
    synchronized Optional<SentMessage> find(String id) {
        return newestFirst.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    synchronized List<SentMessage> all() {
        return List.copyOf(newestFirst);
    }

    synchronized int clear() {
        int count = newestFirst.size();
        newestFirst.clear();
        save();
        return count;
    }

    private void save() {
        if (file == null) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), newestFirst);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
