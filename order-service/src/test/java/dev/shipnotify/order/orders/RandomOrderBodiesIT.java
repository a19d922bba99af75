package dev.shipnotify.order.orders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.OrderJson;
import dev.shipnotify.order.TestMerchant;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property: whatever body reaches {@code POST /api/orders} (random JSON, a valid order broken in up to three
 * places, bytes that are not JSON at all), the answer is never a 5xx; a 4xx is problem JSON and leaves nothing
 * behind (no order, customer, line item, outbox event or idempotency key); only a body that is in fact a valid
 * order is stored, once.
 *
 * <p>jqwik runs this class itself, outside JUnit Jupiter, so there is no {@code @QuarkusTest} here: like a
 * {@code @QuarkusIntegrationTest}, it starts the packaged service as a process, against a real PostgreSQL and
 * Kafka broker from local-infra, and checks the database over JDBC.
 */
class RandomOrderBodiesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field names of real orders, so random objects sometimes look like one. */
    private static final List<String> ORDER_KEYS = List.of("customer", "items", "shippingAddress", "name", "email",
            "phone", "locale", "timeZone", "consent", "whatsapp", "sku", "quantity", "unitPrice", "amount",
            "currency", "imageUrl", "line1", "city", "postcode", "country");

    /** Values that have broken order APIs before: limits, formats next to valid ones, markup, control characters. */
    private static final List<JsonNode> AWKWARD_VALUES = List.of(
            TextNode.valueOf(""), TextNode.valueOf(" "), TextNode.valueOf("null"), TextNode.valueOf("0"),
            TextNode.valueOf("-1"), TextNode.valueOf("1e3"), TextNode.valueOf("1e400"), TextNode.valueOf("-0.00"),
            TextNode.valueOf("499.999"), TextNode.valueOf("99999999999999999999.99"), TextNode.valueOf("NaN"),
            TextNode.valueOf("Infinity"), TextNode.valueOf("+919876543210"), TextNode.valueOf("919876543210"),
            TextNode.valueOf("+1"), TextNode.valueOf("a@b"), TextNode.valueOf("x@example.com"),
            TextNode.valueOf("INR"), TextNode.valueOf("inr"), TextNode.valueOf("XXX"), TextNode.valueOf("en-IN"),
            TextNode.valueOf("zz-ZZ-x-private"), TextNode.valueOf("Asia/Kolkata"), TextNode.valueOf("Mars/Olympus"),
            TextNode.valueOf("IN"), TextNode.valueOf("https://example.com/a.png"),
            TextNode.valueOf("javascript:alert(1)"), TextNode.valueOf("\u0000"), TextNode.valueOf("\uD83D\uDE00"),
            TextNode.valueOf("\u202Eevil"), TextNode.valueOf("<script>alert(1)</script>"),
            TextNode.valueOf("' or 1=1 --"), TextNode.valueOf("x".repeat(300)), TextNode.valueOf("x".repeat(5000)),
            LongNode.valueOf(0), LongNode.valueOf(-1), LongNode.valueOf(Integer.MAX_VALUE),
            LongNode.valueOf(Integer.MIN_VALUE), LongNode.valueOf(Long.MAX_VALUE),
            BigIntegerNode.valueOf(BigInteger.TEN.pow(30)), DoubleNode.valueOf(0.5), DoubleNode.valueOf(1e308),
            DoubleNode.valueOf(-0.0), DecimalNode.valueOf(new BigDecimal("1E+400")),
            DecimalNode.valueOf(new BigDecimal("999999999999999.9999")), BooleanNode.TRUE, NullNode.instance,
            NODES.arrayNode(), NODES.objectNode());

    private static LocalInfraTestResource infra;
    private static JavaProcess service;
    private static Connection database;
    private static TestMerchant merchant;

    @BeforeContainer
    static void startTheServiceOnRealServers() throws SQLException {
        infra = new LocalInfraTestResource();
        infra.init(Map.of(LocalInfraTestResource.PARTS_ARG, "kafka,postgres",
                LocalInfraTestResource.DATABASE_ARG, "orders"));
        Map<String, String> config = new HashMap<>(infra.start());
        int port = Ports.freePort();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("order.admin-token", TestMerchant.ADMIN_TOKEN);
        List<String> arguments = new ArrayList<>();
        config.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.addAll(List.of("-Xmx256m", "-jar", "target/quarkus-app/quarkus-run.jar"));
        service = JavaProcess.start("order-service", arguments, Map.of(), Path.of("target/random-order-bodies.log"));
        service.awaitHttp200("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(90));

        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
        merchant = TestMerchant.create();
        database = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    @AfterContainer
    static void stop() throws SQLException {
        RestAssured.reset();
        if (database != null) {
            database.close();
        }
        if (service != null) {
            service.close();
        }
        if (infra != null) {
            infra.stop();
        }
    }

    @Property(tries = 300)
    void randomJson_isRefusedWithProblemJson_andStoresNothing(@ForAll("anyJson") JsonNode body) {
        post(json().body(body.toString()), false);
    }

    @Property(tries = 400)
    void aValidOrderBrokenInUpToThreePlaces_neverAnswers5xx_andIsStoredOnlyIfStillValid(
            @ForAll("brokenOrders") JsonNode body) {
        post(json().body(body.toString()), true);
    }

    @Property(tries = 300)
    void brokenBytes_neverAnswer5xx_andAreStoredOnlyIfStillJson(@ForAll("brokenBytes") byte[] body) {
        // Noise that lands inside a string, or is whitespace between tokens, can leave a valid order: Jackson in
        // the test decides whether the body is still JSON; if it is not, it must be refused.
        post(json().body(body), isJson(body));
    }

    @Provide
    Arbitrary<JsonNode> anyJson() {
        return jsonValue(3);
    }

    @Provide
    Arbitrary<JsonNode> brokenOrders() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Change.values()),
                Arbitraries.integers().between(0, 1_000), Arbitraries.oneOf(jsonValue(2), Arbitraries.of(AWKWARD_VALUES)))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
            JsonNode order = validOrder();
            mutations.forEach(m -> m.applyTo(order));
            return order;
        });
    }

    @Provide
    Arbitrary<byte[]> brokenBytes() {
        byte[] order = validOrder().toString().getBytes(StandardCharsets.UTF_8);
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, order.length - 1)
                .map(length -> Arrays.copyOf(order, length));
        Arbitrary<byte[]> spliced = Combinators.combine(Arbitraries.integers().between(0, order.length),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8)).as((at, noise) -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(order, 0, at);
                    out.writeBytes(noise);
                    out.write(order, at, order.length - at);
                    return out.toByteArray();
                });
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> deeplyNested = Arbitraries.integers().between(1, 20_000)
                .map(depth -> "[".repeat(depth).getBytes(StandardCharsets.US_ASCII));
        Arbitrary<byte[]> hugeNumber = Arbitraries.integers().between(16, 5_000).map(digits ->
                validOrder().toString().replace("\"4999.00\"", "4" + "9".repeat(digits)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(3, truncated), Tuple.of(3, spliced), Tuple.of(2, randomBytes),
                Tuple.of(1, deeplyNested), Tuple.of(1, hugeNumber));
    }

    /**
     * One call with a fresh Idempotency-Key, and what it left in the database: never a 5xx; a 201 (allowed only
     * where the body may be a valid order) stored the order once; a 4xx is problem JSON and stored nothing.
     */
    private static void post(RequestSpecification request, boolean mayBeValid) {
        String key = UUID.randomUUID().toString();
        Stored before = stored(key);

        Response response = request.header("Idempotency-Key", key).when().post("/api/orders");

        int status = response.statusCode();
        Statistics.label("status").collect(status);
        Stored after = stored(key);
        assertThat(status).as("status; body %s", response.asString()).isLessThan(500);
        if (mayBeValid && status == 201) {
            int items = response.jsonPath().getList("items").size();
            assertThat(after).as("a created order is stored once").isEqualTo(before.plusOrderOf(items));
            return;
        }
        assertThat(status).isBetween(400, 499);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonPath problem = response.jsonPath();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("urn:shipnotify:problem:");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(after).as("a refused order stores nothing").isEqualTo(before);
    }

    private static RequestSpecification json() {
        return given().header("Authorization", "Bearer " + merchant.apiKey()).contentType(ContentType.JSON);
    }

    /** What the merchant has in the database, and whether the Idempotency-Key was kept. */
    record Stored(long orders, long customers, long lineItems, long outboxEvents, long idempotencyKeys) {
        Stored plusOrderOf(int items) {
            return new Stored(orders + 1, customers + 1, lineItems + items, outboxEvents + 1, idempotencyKeys + 1);
        }
    }

    private static Stored stored(String idempotencyKey) {
        try (PreparedStatement statement = database.prepareStatement("""
                select (select count(*) from orders where merchant_id = ?::uuid),
                       (select count(*) from customers where merchant_id = ?::uuid),
                       (select count(*) from order_items i join orders o on o.id = i.order_id
                         where o.merchant_id = ?::uuid),
                       (select count(*) from outbox),
                       (select count(*) from idempotency_keys where merchant_id = ?::uuid and idempotency_key = ?)
                """)) {
            for (int i = 1; i <= 4; i++) {
                statement.setString(i, merchant.id());
            }
            statement.setString(5, idempotencyKey);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Stored(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count what is stored", e);
        }
    }

    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode validOrder() {
        try {
            return JSON.readTree(OrderJson.anOrder().json());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Arbitrary<JsonNode> jsonValue(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(TextNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.bigDecimals().ofScale(4).map(DecimalNode::valueOf),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance),
                Arbitraries.of(AWKWARD_VALUES));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(ORDER_KEYS), Arbitraries.strings().ofMaxLength(12));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(values -> {
            ArrayNode node = NODES.arrayNode();
            values.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(keys, inner).ofMaxSize(5).map(fields -> {
            ObjectNode node = NODES.objectNode();
            fields.forEach(node::set);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array), Tuple.of(2, object));
    }

    enum Change { REMOVE, REPLACE }

    /** Removes or replaces the node at {@code position} (modulo the count) in a depth-first walk of the order. */
    record Mutation(Change change, int position, JsonNode value) {
        void applyTo(JsonNode order) {
            List<Tuple.Tuple2<ContainerNode<?>, Object>> places = new ArrayList<>();
            collect(order, places);
            Tuple.Tuple2<ContainerNode<?>, Object> place = places.get(position % places.size());
            if (place.get1() instanceof ObjectNode object) {
                String field = (String) place.get2();
                if (change == Change.REMOVE) {
                    object.remove(field);
                } else {
                    object.set(field, value.deepCopy());
                }
            } else {
                ArrayNode array = (ArrayNode) place.get1();
                int index = (Integer) place.get2();
                if (change == Change.REMOVE) {
                    array.remove(index);
                } else {
                    array.set(index, value.deepCopy());
                }
            }
        }

        private static void collect(JsonNode node, List<Tuple.Tuple2<ContainerNode<?>, Object>> places) {
            if (node instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(field -> {
                    places.add(Tuple.of(object, field));
                    collect(object.get(field), places);
                });
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    places.add(Tuple.of(array, i));
                    collect(array.get(i), places);
                }
            }
        }
    }
}
