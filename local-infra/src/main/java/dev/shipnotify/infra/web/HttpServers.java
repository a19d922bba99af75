package dev.shipnotify.infra.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The JDK's HTTP server, set up for request-response traffic. */
public final class HttpServers {

    private HttpServers() {
    }

    /**
     * A server bound to {@code host:port} (0: a free port), not started. Its connections send small answers at once
     * ({@code TCP_NODELAY}): with Nagle's algorithm on, a keep-alive client's next request waited for the 40 ms
     * delayed ACK, which capped a connection at about 25 calls a second. The JDK reads
     * {@code sun.net.httpserver.nodelay} once, when its first server is made, so it is set before that.
     */
    public static HttpServer create(String host, int port) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 50);
    }
}
