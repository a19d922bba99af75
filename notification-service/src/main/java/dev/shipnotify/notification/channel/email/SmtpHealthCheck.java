package dev.shipnotify.notification.channel.email;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the SMTP server answers with its {@code 220} greeting. Mail queued meanwhile waits in the
 * notification table, so this says "emails are going out", not "events are being lost".
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    static final String NAME = "SMTP server";
    private static final int TIMEOUT_MILLIS = 2000;

    private final String host;
    private final int port;
    private final boolean ssl;

    public SmtpHealthCheck(@ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
            @ConfigProperty(name = "quarkus.mailer.ssl", defaultValue = "false") boolean ssl) {
        this.host = host;
        this.ssl = ssl;
        this.port = port.orElse(ssl ? 465 : 25);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(NAME).withData("server", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            if (ssl) {
                // Reading the greeting would need the TLS handshake; an accepted connection is enough here.
                return response.up().build();
            }
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = reader.readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (greeting != null && greeting.startsWith("220")) {
                return response.up().build();
            }
            return response.down().withData("greeting", String.valueOf(greeting)).build();
        } catch (IOException e) {
            return response.down().withData("error", e.toString()).build();
        }
    }
}
