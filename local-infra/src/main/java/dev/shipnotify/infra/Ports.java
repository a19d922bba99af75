package dev.shipnotify.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port handling shared by every part: all of them listen on 127.0.0.1 only. */
public final class Ports {
    public static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /**
     * Turns 0 into a free port now. Needed where a port must be known before the server binds it
     * (Kafka's controller port is written into the quorum voters); the short gap until the server
     * binds is acceptable on a developer machine.
     */
    public static int resolve(int port) {
        return port == 0 ? freePort() : port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Fails with a message naming the setting to change when {@code port} is taken, so a second
     * {@code ./suite up} stops before it half-starts instead of failing deep inside a server.
     */
    public static void requireFree(String setting, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            // Reuse so a port left in TIME_WAIT by the previous run does not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new PortInUseException(setting, port);
        }
    }

    /** A configured port is already bound by another process. */
    public static final class PortInUseException extends IllegalStateException {
        PortInUseException(String setting, int port) {
            super("port " + port + " on " + HOST + " (" + setting + ") is already in use. Is another local-infra "
                    + "still running (./suite down)? Otherwise choose another port: " + setting + "=<port>");
        }
    }
}
