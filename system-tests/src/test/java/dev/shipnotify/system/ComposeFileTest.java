package dev.shipnotify.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.shipnotify.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so docker-compose.yml is checked statically: it parses, every service is built
 * from this repository, gets every setting its configuration leaves to production, points at hosts that
 * exist in the file, and no two services publish the same host port; Prometheus scrapes every service and has the
 * alert rules, Grafana the dashboard. That the metrics they use exist is checked on the running suite
 * ({@code WholeSuiteIT}).
 */
class ComposeFileTest {
    private static final Path ROOT = Suite.ROOT;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final JsonNode services = compose().path("services");

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "tracking-service", "notification-service", "review-service", "ops-console"})
    void buildsEachServiceFromThisRepository(String service) {
        JsonNode build = services.path(service).path("build");
        assertThat(build.path("args").path("SERVICE").asText()).isEqualTo(service);
        assertThat(ROOT.resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText())).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "tracking-service", "notification-service", "review-service", "ops-console"})
    void givesEachServiceEverySettingItsConfigurationLeavesToProduction(String service) throws IOException {
        Set<String> environment = environment(service).keySet();
        assertThat(environment).containsAll(settingsNeededInProduction(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "tracking-service", "notification-service", "review-service", "ops-console"})
    void pointsEachServiceAtHostsDefinedInTheFile(String service) {
        environment(service).forEach((name, value) -> {
            String host = hostOf(value);
            if (host != null) {
                assertThat(services.has(host)).as("%s of %s names host %s", name, service, host).isTrue();
            }
        });
        services.path(service).path("depends_on").fieldNames()
                .forEachRemaining(dependency -> assertThat(services.has(dependency)).as(dependency).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-service", "tracking-service", "notification-service", "review-service", "ops-console"})
    void publishesEachServiceOnItsOwnHttpPort(String service) throws IOException {
        String port = properties(service).getProperty("quarkus.http.port");
        assertThat(services.path(service).path("ports").get(0).asText()).isEqualTo(port + ":" + port);
    }

    @Test
    void publishesNoHostPortTwice() {
        List<String> hostPorts = new ArrayList<>();
        services.fields().forEachRemaining(entry -> entry.getValue().path("ports")
                .forEach(mapping -> hostPorts.add(mapping.asText().split(":")[0])));
        assertThat(hostPorts).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void createsEveryTopicOfTheContracts() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/kafka-topics.sh"));
        Matcher loop = Pattern.compile("for topic in ([a-z .-]+); do").matcher(script);

        assertThat(loop.find()).as("deploy/kafka-topics.sh loops over the topics").isTrue();
        assertThat(loop.group(1).trim().split(" +")).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void isAcceptedByDockerCompose_whereItIsInstalled() throws Exception {
        Path binary = Path.of("/usr/bin/docker-compose");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(binary), "docker-compose is installed by .ci/run");
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("system-tests/target/docker-compose-config.log").toFile()));
        // The file refuses to start without an admin token and a review link secret, as production must; give them
        // as a user would.
        builder.environment().put("ORDER_ADMIN_TOKEN", "compose-check-token");
        builder.environment().put("REVIEW_LINK_SECRET", "compose-check-review-link-secret-0123456789");
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("docker-compose config -q, see target/docker-compose-config.log").isZero();
    }

    @Test
    void prometheusScrapesEveryService_andGrafanaHasTheDashboard() throws IOException {
        JsonNode prometheus = yaml("deploy/prometheus/prometheus.yml");
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        List<String> targets = new ArrayList<>();
        job.path("static_configs").get(0).path("targets").forEach(target -> targets.add(target.asText()));
        for (String service : List.of("order-service", "tracking-service", "notification-service", "review-service",
                "ops-console")) {
            assertThat(targets).contains(service + ":" + properties(service).getProperty("quarkus.http.port"));
        }
        assertThat(services.path("prometheus").path("volumes").get(0).asText())
                .isEqualTo("./deploy/prometheus:/etc/prometheus:ro");
        assertThat(prometheus.path("rule_files").get(0).asText()).isEqualTo("/etc/prometheus/alerts.yml");

        JsonNode dashboard = new ObjectMapper().readTree(
                ROOT.resolve("deploy/grafana/dashboards/shipment-notifications.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
        assertThat(yaml("deploy/grafana/provisioning/datasources/prometheus.yml").path("datasources").get(0)
                .path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(services.path("grafana").path("volumes").toString())
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
    }

    @Test
    void alertsOnLagInSeconds_stopAndStall_deadLetters_andAnExpiredWhatsAppToken() {
        List<String> alerts = new ArrayList<>();
        yaml("deploy/prometheus/alerts.yml").path("groups").forEach(group -> group.path("rules")
                .forEach(rule -> alerts.add(rule.path("alert").asText() + ": " + rule.path("expr").asText())));
        assertThat(alerts).anyMatch(rule -> rule.contains("kafka_consumer_group_lag_seconds"))
                .anyMatch(rule -> rule.contains("kafka_consumer_group_status) == 4"))
                .anyMatch(rule -> rule.contains("kafka_consumer_group_status) == 3"))
                .anyMatch(rule -> rule.contains("dead_letter_records"))
                .anyMatch(rule -> rule.contains("notification_whatsapp_channel_stopped"));
    }

    /**
     * A setting is left to production when a profile (%dev, %test) sets it but the base file does not, or when
     * a value refers to a placeholder without a default. Each must arrive as its Quarkus environment variable.
     */
    private static Set<String> settingsNeededInProduction(String service) throws IOException {
        Properties properties = properties(service);
        Set<String> base = new HashSet<>();
        Set<String> profiled = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%")) {
                String profile = key.substring(1, key.indexOf('.'));
                if (!profile.equals("prod")) {
                    profiled.add(key.substring(key.indexOf('.') + 1));
                }
            } else {
                base.add(key);
            }
            Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(key));
            while (placeholder.find()) {
                if (!placeholder.group(1).contains(":")) {
                    profiled.add(placeholder.group(1));
                }
            }
        }
        Set<String> needed = new TreeSet<>();
        for (String key : profiled) {
            if (!base.contains(key) && !properties.containsKey("%prod." + key) && !isTestOnly(key)) {
                needed.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
        }
        return needed;
    }

    /** Settings that only the test and dev modes have (test ports, dev UI tweaks): production does without them. */
    private static boolean isTestOnly(String key) {
        return key.startsWith("quarkus.http.test-") || key.startsWith("quarkus.log.") || key.startsWith("quarkus.mailer.mock")
                || key.startsWith("quarkus.devservices") || key.startsWith("quarkus.hibernate-orm.log")
                || key.startsWith("local-infra.");
    }

    private static String hostOf(String value) {
        for (String prefix : List.of("jdbc:", "")) {
            if (value.startsWith(prefix) && value.substring(prefix.length()).matches("[a-z]+://.*")) {
                return URI.create(value.substring(prefix.length())).getHost();
            }
        }
        return value.matches("[a-z][a-z0-9-]*:[0-9]+") ? value.substring(0, value.indexOf(':')) : null;
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        services.path(service).path("environment").fields()
                .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    private static Properties properties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static JsonNode compose() {
        return yaml("docker-compose.yml");
    }

    private static JsonNode yaml(String file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + " does not parse", e);
        }
    }
}
