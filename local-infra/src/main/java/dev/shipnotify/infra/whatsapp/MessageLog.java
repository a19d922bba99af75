package dev.shipnotify.infra.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The accepted messages, newest first.
 *
 * <p>In memory they are kept in the order they were added, with an index from id to position, so that
 * {@link #add}, {@link #update} and {@link #find} cost the same however many messages there are.
 *
 * <p>With a directory they are also kept in {@code messages.jsonl}, one JSON object a line, appended to and
 * never rewritten: {@link #add} appends the message, {@link #update} appends the message's new state (same
 * id), {@link #clear} truncates the file. Every line is handed to the operating system as it is written (no
 * fsync), so another process reading the file, or a restart, sees it. On {@link #open} the lines are replayed in
 * order: a known id replaces that message in place, a new one is appended. A last line cut short by a crash is
 * skipped with a warning and cut off the file. A {@code messages.json} holding the whole list as one array, as
 * earlier versions wrote it, is carried over into {@code messages.jsonl} once and then deleted.
 */
final class MessageLog implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final System.Logger LOG = System.getLogger(MessageLog.class.getName());
    /** The append-only log of messages and their changes. */
    static final String FILE_NAME = "messages.jsonl";
    /** The whole list, newest first, as one JSON array: what earlier versions kept. */
    static final String OLD_FILE_NAME = "messages.json";
    private static final byte NEWLINE = '\n';

    private final Path file;
    /** Oldest first; {@link #all} reverses it. */
    private final List<SentMessage> oldestFirst = new ArrayList<>();
    /** Message id to its position in {@link #oldestFirst}. */
    private final Map<String, Integer> positions = new HashMap<>();
    /** Appends to {@link #file}; {@code null} in memory only, and once closed. */
    private FileChannel out;

    private MessageLog(Path file) {
        this.file = file;
    }

    static MessageLog open(Path dir) throws IOException {
        if (dir == null) {
            return new MessageLog(null);
        }
        Files.createDirectories(dir);
        MessageLog log = new MessageLog(dir.resolve(FILE_NAME));
        Path old = dir.resolve(OLD_FILE_NAME);
        Tail tail = null;
        if (Files.exists(old)) {
            log.migrate(old);
        } else if (Files.exists(log.file)) {
            tail = log.replay();
        }
        log.openForAppend(tail);
        return log;
    }

    synchronized void add(SentMessage message) {
        positions.put(message.id(), oldestFirst.size());
        oldestFirst.add(message);
        append(message);
    }

    synchronized void update(String id, UnaryOperator<SentMessage> change) {
        Integer at = positions.get(id);
        if (at == null) {
            return;
        }
        SentMessage changed = change.apply(oldestFirst.get(at));
        if (!Objects.equals(changed.id(), id)) {
            throw new IllegalArgumentException("an update must keep the id " + id + ", not " + changed.id());
        }
        oldestFirst.set(at, changed);
        append(changed);
    }

    /** The message with this id, if the log still has it; none for {@code null}. */
    synchronized Optional<SentMessage> find(String id) {
        Integer at = positions.get(id);
        return at == null ? Optional.empty() : Optional.of(oldestFirst.get(at));
    }

    /** All messages, newest first; a copy. */
    synchronized List<SentMessage> all() {
        SentMessage[] newestFirst = new SentMessage[oldestFirst.size()];
        for (int i = 0, n = newestFirst.length; i < n; i++) {
            newestFirst[i] = oldestFirst.get(n - 1 - i);
        }
        return List.of(newestFirst);
    }

    synchronized int clear() {
        int count = oldestFirst.size();
        oldestFirst.clear();
        positions.clear();
        if (out != null) {
            try {
                out.truncate(0);
            } catch (IOException e) {
                throw new UncheckedIOException("could not truncate " + file, e);
            }
        }
        return count;
    }

    /** Closes the file; changes made afterwards are kept in memory only. */
    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not close {0}: {1}", file, e.toString());
        } finally {
            out = null;
        }
    }

    private void append(SentMessage message) {
        if (out == null) {
            if (file != null) {
                LOG.log(System.Logger.Level.DEBUG, "Message log {0} is closed; {1} is kept in memory only",
                        file, message.id());
            }
            return;
        }
        try {
            write(out, line(message));
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /** Replaces the message with the same id in place, or appends it. */
    private void put(SentMessage message) {
        Integer at = positions.get(message.id());
        if (at == null) {
            positions.put(message.id(), oldestFirst.size());
            oldestFirst.add(message);
        } else {
            oldestFirst.set(at, message);
        }
    }

    /**
     * Loads {@link #file}. Each complete line is applied once the next one begins, so that only the last line
     * of the file, which a crash may have left half-written, is forgiven for not being a message.
     *
     * @return how to cut the file to drop a torn last line, or {@code null} when it ends cleanly
     */
    private Tail replay() throws IOException {
        byte[] buffer = new byte[1 << 16];
        byte[] current = new byte[1024];
        int currentLength = 0;
        long currentStart = 0;
        byte[] complete = new byte[1024];
        int completeLength = -1; // none yet
        long completeStart = 0;
        int lineNumber = 0;
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) != -1; offset += read) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != NEWLINE) {
                        continue;
                    }
                    current = appendBytes(current, currentLength, buffer, from, i - from);
                    currentLength += i - from;
                    if (completeLength >= 0) {
                        applyOrFail(complete, completeLength, lineNumber);
                    }
                    lineNumber++;
                    byte[] swap = complete;
                    complete = current;
                    completeLength = currentLength;
                    completeStart = currentStart;
                    current = swap;
                    currentLength = 0;
                    from = i + 1;
                    currentStart = offset + from;
                }
                current = appendBytes(current, currentLength, buffer, from, read - from);
                currentLength += read - from;
            }
        }
        if (currentLength > 0) { // no newline at the end: the last write may have been cut short
            if (completeLength >= 0) {
                applyOrFail(complete, completeLength, lineNumber);
            }
            return applyLast(current, currentLength, lineNumber + 1, currentStart, offset);
        }
        return completeLength < 0 ? null : applyLast(complete, completeLength, lineNumber, completeStart, -1);
    }

    private void applyOrFail(byte[] line, int length, int lineNumber) throws IOException {
        if (isBlank(line, length)) {
            return;
        }
        SentMessage message = parse(line, length);
        if (message == null) {
            throw new IOException(file + " line " + lineNumber + " is not a message; delete the file to start afresh");
        }
        put(message);
    }

    /**
     * @param end where the file ends when the line has no newline after it, else -1
     * @return how to cut the file, if at all
     */
    private Tail applyLast(byte[] line, int length, int lineNumber, long start, long end) {
        if (isBlank(line, length)) {
            return end < 0 ? null : new Tail(start, false);
        }
        SentMessage message = parse(line, length);
        if (message == null) {
            LOG.log(System.Logger.Level.WARNING, "Skipping the last line ({0}, {1} bytes) of {2}: "
                    + "cut short, probably by a crash while it was written", lineNumber, length, file);
            return new Tail(start, false);
        }
        put(message);
        return end < 0 ? null : new Tail(end, true);
    }

    /** Where to cut the file, and whether a newline must then end its last line. */
    private record Tail(long length, boolean needsNewline) {
    }

    /** The message on this line; {@code null} when it is not one (or has no id). */
    private static SentMessage parse(byte[] line, int length) {
        try {
            SentMessage message = JSON.readValue(line, 0, length, SentMessage.class);
            return message == null || message.id() == null ? null : message;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(line[i])) {
                return false;
            }
        }
        return true;
    }

    private static byte[] appendBytes(byte[] to, int length, byte[] from, int offset, int count) {
        if (count == 0) {
            return to;
        }
        if (length + count > to.length) {
            to = Arrays.copyOf(to, Math.max(to.length * 2, length + count));
        }
        System.arraycopy(from, offset, to, length, count);
        return to;
    }

    /** Loads the old whole-list file (and what a migration cut short may have written), rewrites, deletes it. */
    private void migrate(Path old) throws IOException {
        List<SentMessage> newestFirst = JSON.readValue(old.toFile(), new TypeReference<List<SentMessage>>() {
        });
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            put(newestFirst.get(i));
        }
        if (Files.exists(file)) {
            replay(); // a migration that stopped between writing this file and deleting the old one
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            for (SentMessage message : oldestFirst) {
                stream.write(line(message));
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(old);
        Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".tmp"));
        LOG.log(System.Logger.Level.INFO, "Moved {0} message(s) from {1} to {2}", oldestFirst.size(), old, file);
    }

    private void openForAppend(Tail tail) throws IOException {
        FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        try {
            if (tail != null) {
                channel.truncate(tail.length());
                if (tail.needsNewline()) {
                    write(channel, new byte[] {NEWLINE});
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        out = channel;
    }

    private static byte[] line(SentMessage message) throws IOException {
        byte[] json = JSON.writeValueAsBytes(message);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = NEWLINE;
        return line;
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
