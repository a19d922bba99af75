package dev.shipnotify.infra.postgres;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server process of a data directory, found through its {@code postmaster.pid}. Lets
 * local-infra stop a server that no JVM will ever stop: one left by a killed run, or one that started
 * while its start-up failed.
 */
final class Postmaster {
    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    /** zonky's lock file; its holder is the JVM that owns the server. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private Postmaster() {
    }

    /** The live postgres process named by the data directory's pid file, if any. */
    static Optional<ProcessHandle> running(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            // After a reboot the pid may belong to something else: only ever touch a postgres.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when no live JVM holds zonky's lock on the directory, i.e. nobody will stop its server. */
    static boolean ownerGone(Path dataDir) {
        Path lockFile = dataDir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileOutputStream out = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = out.getChannel().tryLock()) {
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this very JVM
        } catch (IOException e) {
            return false;
        }
    }

    /** Fast shutdown (SIGINT: roll back open sessions, checkpoint, exit), waiting a bounded time. */
    static void stop(ProcessHandle postmaster) {
        LOG.warn("stopping PostgreSQL process {} that no running local-infra owns", postmaster.pid());
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start();
            kill.waitFor(5, TimeUnit.SECONDS);
            postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not stop PostgreSQL process " + postmaster.pid()
                    + "; stop it by hand (kill -INT " + postmaster.pid() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
