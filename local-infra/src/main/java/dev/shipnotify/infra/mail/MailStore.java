package dev.shipnotify.infra.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipnotify.contracts.Redact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every received message, newest first. With a directory, each message is also written as
 * {@code <id>.eml} (the raw bytes, openable in any mail client) plus {@code <id>.json} (envelope and
 * arrival time), and both are read back on start so the mailbox survives a restart.
 */
final class MailStore {
    private static final System.Logger LOG = System.getLogger(MailStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<StoredMail> newestFirst = new ArrayList<>();

    private MailStore(Path dir) {
        this.dir = dir;
    }

    static MailStore open(Path dir) throws IOException {
        MailStore store = new MailStore(dir);
        if (dir != null) {
            Files.createDirectories(dir);
            store.loadAll();
        }
        return store;
    }

    StoredMail add(Envelope envelope, byte[] raw) {
        String id = UUID.randomUUID().toString();
        // Millisecond precision, as Mailpit reports "Created".
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StoredMail mail = new StoredMail(id, created, envelope, raw);
        if (dir != null) {
            try {
                writeAtomically(dir.resolve(id + ".eml"), raw);
                writeAtomically(dir.resolve(id + ".json"), JSON.writeValueAsBytes(metadata(mail)));
            } catch (IOException e) {
                throw new UncheckedIOException("could not keep message " + id + " in " + dir, e);
            }
        }
        synchronized (newestFirst) {
            newestFirst.add(0, mail);
        }
        LOG.log(System.Logger.Level.INFO, "Mail {0} from {1} to {2} recipient(s), {3} bytes", id,
                Redact.email(envelope.mailFrom()), envelope.rcptTo().size(), raw.length);
        return mail;
    }

    List<StoredMail> all() {
        synchronized (newestFirst) {
            return List.copyOf(newestFirst);
        }
    }

    /** Looks a message up by id; {@code latest} names the newest one, as in Mailpit. */
    Optional<StoredMail> find(String id) {
        synchronized (newestFirst) {
            if ("latest".equals(id)) {
                return newestFirst.stream().findFirst();
            }
            return newestFirst.stream().filter(m -> m.id().equals(id)).findFirst();
        }
    }

    void deleteAll() {
        List<StoredMail> removed;
        synchronized (newestFirst) {
            removed = List.copyOf(newestFirst);
            newestFirst.clear();
        }
        removed.forEach(this::deleteFiles);
    }

    void delete(List<String> ids) {
        List<StoredMail> removed = new ArrayList<>();
        synchronized (newestFirst) {
            newestFirst.removeIf(m -> {
                boolean hit = ids.contains(m.id());
                if (hit) {
                    removed.add(m);
                }
                return hit;
            });
        }
        removed.forEach(this::deleteFiles);
    }

    private void deleteFiles(StoredMail mail) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(mail.id() + ".eml"));
            Files.deleteIfExists(dir.resolve(mail.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete message " + mail.id() + " from " + dir, e);
        }
    }

    private void loadAll() throws IOException {
        List<StoredMail> loaded = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.eml")) {
            for (Path eml : files) {
                String name = eml.getFileName().toString();
                String id = name.substring(0, name.length() - ".eml".length());
                loaded.add(load(id, eml));
            }
        }
        loaded.sort(Comparator.comparing(StoredMail::created).reversed());
        newestFirst.addAll(loaded);
        if (!loaded.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Loaded {0} message(s) from {1}", loaded.size(), dir);
        }
    }

    private StoredMail load(String id, Path eml) throws IOException {
        byte[] raw = Files.readAllBytes(eml);
        Path metaFile = dir.resolve(id + ".json");
        Instant created;
        Envelope envelope;
        if (Files.exists(metaFile)) {
            JsonNode meta = JSON.readTree(metaFile.toFile());
            created = Instant.parse(meta.path("created").asText());
            List<String> rcpts = new ArrayList<>();
            meta.path("rcptTo").forEach(r -> rcpts.add(r.asText()));
            envelope = new Envelope(meta.path("mailFrom").asText(""), rcpts, meta.path("helo").asText(""));
        } else {
            // An .eml dropped in by hand still shows up, dated by the file.
            created = Files.getLastModifiedTime(eml).toInstant();
            envelope = new Envelope("", List.of(), "");
        }
        return new StoredMail(id, created, envelope, raw);
    }

    private static ObjectNode metadata(StoredMail mail) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("created", mail.created().toString());
        meta.put("mailFrom", mail.envelope().mailFrom());
        meta.putPOJO("rcptTo", mail.envelope().rcptTo());
        meta.put("helo", mail.envelope().helo());
        return meta;
    }

    /** Write-then-rename, so a crash mid-write never leaves a half message that would be loaded back. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
