package dev.shipnotify.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void answersSelectOneOnEveryDatabase() throws Exception {
        try (PostgresServer server = PostgresServer.start(0, null, List.of("orders", "notifications"))) {
            for (String database : List.of("orders", "notifications")) {
                try (Connection connection = connect(server, database);
                        ResultSet rs = connection.createStatement().executeQuery("select 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void keepsRowsAcrossAStopAndStartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
        try (PostgresServer first = PostgresServer.start(0, dataDir, List.of("orders"));
                Connection connection = connect(first, "orders");
                Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id text primary key)");
            statement.execute("insert into kept values ('order-1')");
        }

        try (PostgresServer second = PostgresServer.start(0, dataDir, List.of("orders"));
                Connection connection = connect(second, "orders");
                ResultSet rs = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("order-1");
        }
    }

    @Test
    void closeStopsTheServerProcessAndDeletesATemporaryDataDir() throws Exception {
        PostgresServer server = PostgresServer.start(0, null, List.of());
        ProcessHandle postmaster = server.postmaster().orElseThrow();
        Path dataDir = server.dataDir();

        server.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> !postmaster.isAlive());
        assertThat(Files.exists(dataDir)).isFalse();
    }

    private static Connection connect(PostgresServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
    }
}
