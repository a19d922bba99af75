package dev.shipnotify.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * A broker that takes connections and never answers, as a frozen one does: the check must say DOWN, and say it
 * before a readiness probe gives up on it. (UP against a real broker is in each service's readiness test.)
 */
class KafkaReadinessTest {

    @Test
    void aBrokerThatNeverAnswersIsDownWithinTheBound() throws Exception {
        try (ServerSocket frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> taken = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        taken.add(frozen.accept()); // kept open, never read or answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            KafkaReadiness check = new KafkaReadiness(Map.of(
                    "bootstrap.servers", "127.0.0.1:" + frozen.getLocalPort(),
                    "group.id", "ignored: not an admin client setting"));
            try {
                long begin = System.nanoTime();
                HealthCheckResponse response = check.call();
                Duration took = Duration.ofNanos(System.nanoTime() - begin);

                assertThat(response.getName()).isEqualTo(KafkaReadiness.NAME);
                assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
                assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsKey("reason"));
                // The point of the check: a probe with a few seconds' timeout reads DOWN rather than timing out.
                assertThat(took).isLessThan(KafkaReadiness.TIMEOUT.plusSeconds(2));
            } finally {
                check.close();
                for (Socket socket : taken) {
                    socket.close();
                }
            }
        }
    }
}
