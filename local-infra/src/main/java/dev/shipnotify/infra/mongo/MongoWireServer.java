package dev.shipnotify.infra.mongo;

import dev.shipnotify.infra.LogLevels;
import dev.shipnotify.infra.Ports;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * A MongoDB wire-protocol server (mongo-java-server): real drivers talk to it over TCP. No
 * transactions and no {@code $text}; see FACTS.md for what it supports.
 */
public final class MongoWireServer implements AutoCloseable {
    private final MongoServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MongoWireServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param port 0 for a free port
     * @param file null keeps data in memory; otherwise an H2 MVStore file whose data survives restarts
     */
    public static MongoWireServer start(int port, Path file) throws IOException {
        quietLogging();
        MongoBackend backend = file == null ? new MemoryBackend() : openFile(file);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(Ports.HOST, port);
        } catch (RuntimeException e) {
            // shutdown also closes the backend, which releases the file lock of an H2 store.
            server.shutdownNow();
            throw new IOException("MongoDB wire server on " + Ports.HOST + ":" + port + " did not start: " + e.getMessage(), e);
        }
        return new MongoWireServer(server, server.getLocalAddress().getPort());
    }

    public int port() {
        return port;
    }

    public String connectionString() {
        return "mongodb://" + Ports.HOST + ":" + port;
    }

    /** Closes client connections, stops listening and closes the backend (flushing a file store). */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            server.shutdownNow();
        }
    }

    private static MongoBackend openFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        return new H2Backend(absolute.toString());
    }

    private static void quietLogging() {
        LogLevels.set(Level.WARNING, "de.bwaldvogel.mongo");
        // It logs every error it answers (e.g. "ns not found" when dropping a missing collection, or a
        // duplicate key) with a stack trace; the client receives the same error and reports it.
        LogLevels.set(Level.OFF, "de.bwaldvogel.mongo.wire.MongoDatabaseHandler");
    }
}
