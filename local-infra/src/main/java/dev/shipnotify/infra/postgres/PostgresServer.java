package dev.shipnotify.infra.postgres;

import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.LogLevels;
import dev.shipnotify.infra.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL 17 server (zonky's binaries, a child process of this JVM).
 *
 * <p>Authentication is {@code trust} (zonky runs initdb with {@code -A trust}) and the server listens
 * on 127.0.0.1 only: any password is accepted, so clients configured with user and password
 * {@code postgres} connect as they would to a production server.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** Database names go into CREATE DATABASE unquoted-safe: lower-case identifiers only. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server and creates each database that does not exist yet.
     *
     * @param port 0 for a free port
     * @param dataDir kept across restarts; null for a fresh temporary directory deleted on close
     */
    public static PostgresServer start(int port, Path dataDir, List<String> databases) throws IOException {
        databases.forEach(PostgresServer::requireValidName);
        // zonky logs every line of initdb and pg_ctl output at INFO.
        LogLevels.set(Level.WARNING, "io.zonky.test.db.postgres");
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("local-infra-postgres") : dataDir.toAbsolutePath();
        Files.createDirectories(dir);
        Optional<ProcessHandle> before = Postmaster.running(dir);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir)
                    // zonky deletes a directory it "cleans" on close: only ever a temporary one.
                    .setCleanDataDirectory(temporary)
                    .setServerConfig("listen_addresses", Ports.HOST)
                    // First start on a cold machine unpacks the binaries and runs initdb.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            // zonky may fail after pg_ctl started the server (e.g. when the JVM is shutting down): stop
            // what this attempt started, never a server that was already running.
            Postmaster.running(dir).filter(now -> before.map(ProcessHandle::pid).orElse(-1L) != now.pid())
                    .ifPresent(Postmaster::stop);
            if (temporary) {
                Directories.deleteRecursively(dir);
            }
            throw new IOException("PostgreSQL on " + Ports.HOST + ":" + port + " with data in " + dir
                    + " did not start: " + e.getMessage(), e);
        }
        PostgresServer server = new PostgresServer(postgres, dir);
        try {
            server.createMissingDatabases(databases);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IOException("cannot create databases " + databases + ": " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * Stops a server left running on {@code dataDir} by a JVM that died without closing it (kill -9),
     * so a new start can take over its port and data. Does nothing while a live JVM owns it.
     */
    public static void stopOrphan(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        if (Files.isDirectory(dir) && Postmaster.ownerGone(dir)) {
            Postmaster.running(dir).ifPresent(Postmaster::stop);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Ports.HOST + ":" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running server process, found through its pid file; lets checks prove it is gone after close. */
    public Optional<ProcessHandle> postmaster() {
        return Postmaster.running(dataDir);
    }

    /** Stops the server ({@code pg_ctl stop -m fast}, waiting for it) and deletes a temporary data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL on port " + port(), e);
        }
    }

    private void createMissingDatabases(List<String> databases) throws SQLException {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(jdbcUrl("postgres"));
        admin.setUser(USER);
        admin.setPassword(PASSWORD);
        try (Connection connection = admin.getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
                Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (!found.next()) {
                        create.execute("create database " + database);
                    }
                }
            }
        }
    }

    private static void requireValidName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ": " + database);
        }
    }
}
