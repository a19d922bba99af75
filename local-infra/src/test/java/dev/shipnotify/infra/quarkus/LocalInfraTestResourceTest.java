package dev.shipnotify.infra.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Drives the resource the way Quarkus does: init with the annotation's args, start, stop. */
class LocalInfraTestResourceTest {

    @Test
    void startsTheRequestedPartsAndReturnsTheirQuarkusConfig() throws Exception {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        resource.init(Map.of("parts", "kafka,postgres,smtp", "postgres.database", "orders"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                    "quarkus.datasource.username", "quarkus.datasource.password", "quarkus.mailer.host",
                    "quarkus.mailer.port", "quarkus.mailer.mock", "local-infra.mailbox.url");
            assertThat(config.get("kafka.bootstrap.servers")).startsWith("127.0.0.1:");
            assertThat(config.get("quarkus.datasource.jdbc.url")).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/orders");
            assertThat(config.get("local-infra.mailbox.url")).startsWith("http://127.0.0.1:");
            assertThat(selectOne(config)).isEqualTo(1);
        } finally {
            resource.stop();
        }

        assertThatThrownBy(() -> selectOne(config)).isInstanceOf(SQLException.class);
    }

    @Test
    void givesMongoAndWhatsAppSettingsWhenAsked() {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        resource.init(Map.of("parts", "mongo,whatsapp"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsOnlyKeys("quarkus.mongodb.connection-string", "local-infra.whatsapp.url",
                    "local-infra.whatsapp.token");
            assertThat(config.get("quarkus.mongodb.connection-string")).matches("mongodb://127\\.0\\.0\\.1:\\d+");
            assertThat(config).containsEntry("local-infra.whatsapp.token", "sandbox-token");
        } finally {
            resource.stop();
        }
    }

    private static int selectOne(Map<String, String> config) throws SQLException {
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                ResultSet rs = connection.createStatement().executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
