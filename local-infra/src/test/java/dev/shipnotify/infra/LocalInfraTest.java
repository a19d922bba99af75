package dev.shipnotify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumSet;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class LocalInfraTest {

    @Test
    void startsEveryPartOnFreePortsAndClosesThemLeavingNoPostgresBehind() throws Exception {
        LocalInfra infra = LocalInfra.start(InfraSettings.forTests(EnumSet.allOf(Part.class), List.of("orders", "notifications")));
        ProcessHandle postmaster;
        List<Integer> ports;
        try {
            assertThat(new TopicReader(infra.kafka().bootstrapServers()).readAll(Topics.ORDER_PLACED)).isEmpty();
            for (String database : List.of("orders", "notifications")) {
                try (Connection connection = DriverManager.getConnection(infra.postgres().jdbcUrl(database), "postgres", "postgres");
                        ResultSet rs = connection.createStatement().executeQuery("select 1")) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (MongoClient client = MongoClients.create(infra.mongo().connectionString())) {
                assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
            }
            assertThat(smtpGreeting(infra.mailbox().smtpPort())).startsWith("220");
            assertThat(httpStatus(infra.mailbox().apiUrl() + "/api/v1/messages")).isEqualTo(200);
            assertThat(httpStatus(infra.whatsapp().url() + "/sandbox/messages")).isEqualTo(200);
            assertThat(infra.summary()).hasSize(5);

            postmaster = infra.postgres().postmaster().orElseThrow();
            ports = List.of(infra.kafka().port(), infra.kafka().controllerPort(), infra.postgres().port(), infra.mongo().port(),
                    infra.mailbox().smtpPort(), infra.mailbox().httpPort(), infra.whatsapp().port());
        } finally {
            infra.close();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
        assertThat(ports).allSatisfy(port -> Ports.requireFree("port", port));
    }

    @Test
    void refusesToStartWhenAConfiguredPortIsTakenNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            InfraSettings settings = new InfraSettings(EnumSet.of(Part.MONGO, Part.POSTGRES), null, 0, 0, 6,
                    taken.getLocalPort(), List.of(), 0, true, 0, 0, 0, "token");

            assertThatThrownBy(() -> LocalInfra.start(settings))
                    .isInstanceOf(Ports.PortInUseException.class)
                    .hasMessageContaining("INFRA_POSTGRES_PORT")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void readsSettingsWithDocumentedDefaults() {
        InfraSettings defaults = InfraSettings.from(name -> null);

        assertThat(defaults.parts()).containsExactlyInAnyOrder(Part.values());
        assertThat(defaults.dataDir()).hasToString(".suite/data");
        assertThat(List.of(defaults.kafkaPort(), defaults.kafkaControllerPort(), defaults.postgresPort(), defaults.mongoPort(),
                defaults.smtpPort(), defaults.mailboxHttpPort(), defaults.whatsappPort()))
                .containsExactly(9092, 9093, 15432, 27017, 1025, 8025, 8090);
        assertThat(defaults.partitions()).isEqualTo(6);
        assertThat(defaults.postgresDatabases()).containsExactly("orders", "notifications");
        assertThat(defaults.whatsappToken()).isEqualTo("sandbox-token");
        assertThat(defaults.mongoFile()).isEqualTo(Path.of(".suite/data/mongo/mongo.mv"));
        assertThat(InfraSettings.from(name -> name.equals("INFRA_MONGO_STORE") ? "memory" : null).mongoFile()).isNull();
        assertThatThrownBy(() -> InfraSettings.from(name -> name.equals("INFRA_MONGO_STORE") ? "disk" : null))
                .hasMessageContaining("INFRA_MONGO_STORE must be one of file, memory: disk");

        InfraSettings overridden = InfraSettings.from(name -> name.equals("INFRA_KAFKA_PORT") ? "19092" : null);
        assertThat(overridden.kafkaPort()).isEqualTo(19092);
        assertThatThrownBy(() -> InfraSettings.from(name -> name.equals("INFRA_MONGO_PORT") ? "mongo" : null))
                .hasMessageContaining("INFRA_MONGO_PORT");
    }

    private static String smtpGreeting(int port) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static int httpStatus(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
