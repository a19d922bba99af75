package dev.shipnotify.infra.mail;

import dev.shipnotify.infra.web.DaemonThreads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Accepts SMTP connections and runs one {@link SmtpSession} per connection, up to a fixed number at once. */
final class SmtpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SmtpServer.class.getName());
    private static final int MAX_CONNECTIONS = 64;

    private final ServerSocket serverSocket;
    private final MailStore store;
    private final int maxMessageBytes;
    private final ThreadPoolExecutor sessions = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new DaemonThreads("smtp-session"));
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private SmtpServer(ServerSocket serverSocket, MailStore store, int maxMessageBytes) {
        this.serverSocket = serverSocket;
        this.store = store;
        this.maxMessageBytes = maxMessageBytes;
        this.acceptor = new DaemonThreads("smtp-accept").newThread(this::acceptLoop);
    }

    static SmtpServer start(String host, int port, MailStore store, int maxMessageBytes) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 100);
        SmtpServer server = new SmtpServer(socket, store, maxMessageBytes);
        server.acceptor.start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
                // Each reply is one write; without this a reply that follows another unacknowledged one waits for
                // the client's delayed ACK (40 ms on Linux).
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "SMTP accept failed: {0}", e.getMessage());
                }
                continue;
            }
            open.add(socket);
            try {
                sessions.execute(() -> {
                    try {
                        new SmtpSession(socket, store, maxMessageBytes).run();
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (RejectedExecutionException e) {
                refuse(socket);
            }
        }
    }

    private void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(("421 " + SmtpSession.SERVER_NAME + " Too many connections, try again later\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // Nothing more to tell a client we are turning away.
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        sessions.shutdownNow();
        try {
            acceptor.join(2000);
            sessions.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
