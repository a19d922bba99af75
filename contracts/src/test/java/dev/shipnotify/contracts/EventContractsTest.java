package dev.shipnotify.contracts;

import static dev.shipnotify.contracts.EventJson.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InvalidSchemaException;
import com.networknt.schema.SchemaId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of every event: golden sample, JSON Schema and Java record agree with each other. Parameterised
 * over {@link EventType}, so a new event is covered as soon as it is declared (and {@link EventMother} makes
 * sure it cannot be declared without test data).
 */
class EventContractsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void goldenSample_isValidAgainstItsSchema(EventType type) {
        assertThat(ContractSchemas.validate(type, EventJson.sample(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void goldenSample_roundTripsThroughTheRecordUnchanged(EventType type) throws Exception {
        JsonNode sample = EventJson.sample(type);

        Record event = EventJson.read(sample, type);

        assertThat(event).isInstanceOf(type.recordType());
        assertThat(EventJson.write(event)).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void fullyPopulatedRecord_serialisesToJsonTheSchemaAccepts(EventType type) throws Exception {
        Record event = EventMother.fullyPopulated(type);

        JsonNode body = EventJson.write(event);

        assertThat(ContractSchemas.validate(type, body)).isEmpty();
        assertThat(EventJson.read(body, type)).isEqualTo(event);
        assertThat(fieldNames(body)).as("the golden sample shows every field")
                .containsExactlyElementsOf(fieldNames(EventJson.sample(type)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void recordWithOnlyRequiredFields_serialisesToJsonTheSchemaAccepts(EventType type) {
        JsonNode body = EventJson.write(EventMother.withOnlyRequiredFields(type));

        assertThat(body.findValues("schemaVersion")).isNotEmpty();
        assertThat(ContractSchemas.validate(type, body)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaRejectsBody_whenARequiredFieldIsMissing(EventType type) {
        JsonNode sample = EventJson.sample(type);
        List<String> required = texts(ContractSchemas.document(type).get("required"));

        assertThat(required).contains("schemaVersion", type.keyField());
        for (String field : required) {
            JsonNode body = EventJson.without(sample, JsonPointer.empty().appendProperty(field));
            assertThat(ContractSchemas.validate(type, body)).as("body without %s", field).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaRejectsBody_whenAFieldTheRecordCannotDoWithoutIsMissing(EventType type) {
        JsonNode sample = EventJson.sample(type);
        List<JsonPointer> neededByRecord = EventJson.memberPointers(sample).stream()
                .filter(member -> EventJson.recordRejects(EventJson.without(sample, member), type))
                .toList();

        assertThat(neededByRecord).as("fields the record's constructor requires").isNotEmpty();
        for (JsonPointer member : neededByRecord) {
            JsonNode body = EventJson.without(sample, member);
            assertThat(ContractSchemas.validate(type, body)).as("body without %s", member).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enumMembers")
    void schemaAndRecordRejectBody_whenAnEnumHasAnUnknownName(EventType type, JsonPointer member) {
        JsonNode valid = EventJson.write(EventMother.fullyPopulated(type));
        JsonNode body = EventJson.with(valid, member, TextNode.valueOf("NOT_A_KNOWN_VALUE"));

        assertThat(ContractSchemas.validate(type, valid)).isEmpty();
        assertThat(ContractSchemas.validate(type, body)).isNotEmpty();
        assertThat(EventJson.recordRejects(body, type)).isTrue();
    }

    static Stream<Arguments> enumMembers() {
        return Arrays.stream(EventType.values()).flatMap(type -> EventJson
                .enumMembers(type.recordType(), EventJson.write(EventMother.fullyPopulated(type))).keySet().stream()
                .map(member -> arguments(type, member)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void fullyPopulatedRecord_setsEveryEnumTheRecordUses(EventType type) {
        JsonNode body = EventJson.write(EventMother.fullyPopulated(type));

        assertThat(EventJson.enumMembers(type.recordType(), body).values())
                .containsAll(EventJson.enumTypes(type.recordType()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaEnums_listExactlyTheJavaConstants(EventType type) {
        JsonNode schema = ContractSchemas.document(type);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Class<?> enumType : EventJson.enumTypes(type.recordType())) {
            expected.put("/$defs/" + enumType.getSimpleName() + "/enum",
                    Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }

        Map<String, List<String>> actual = new LinkedHashMap<>();
        collectEnums(schema, "", actual);

        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaRejectsBody_whenSchemaVersionIsNotTheNumberOne(EventType type) {
        JsonNode sample = EventJson.sample(type);
        JsonPointer version = JsonPointer.compile("/schemaVersion");

        assertThat(ContractSchemas.validate(type, EventJson.with(sample, version, parse("2")))).isNotEmpty();
        assertThat(ContractSchemas.validate(type, EventJson.with(sample, version, parse("\"1\"")))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("wrongValues")
    void schemaRejectsBody_whenAValueHasTheWrongShape(EventType type, String member, String json) {
        JsonNode body = EventJson.with(EventJson.sample(type), JsonPointer.compile(member), parse(json));

        assertThat(ContractSchemas.validate(type, body)).isNotEmpty();
    }

    static Stream<Arguments> wrongValues() {
        return Arrays.stream(EventType.values()).flatMap(type -> {
            Map<String, String> values = wrongValuesOf(type);
            assertThat(values).as("wrong values for %s", type).isNotEmpty();
            return values.entrySet().stream().map(e -> arguments(type, e.getKey(), e.getValue()));
        });
    }

    private static Map<String, String> wrongValuesOf(EventType type) {
        return switch (type) {
            case MERCHANT_KEY_CHANGED -> Map.of(
                    "/keyHash", "\"snk_qYkDLB\"",
                    "/issuedAt", "\"2025-03-01\"",
                    "/keyId", "\"\"",
                    "/revokedAt", "\"never\"");
            case ORDER_PLACED -> Map.ofEntries(
                    Map.entry("/placedAt", "\"14/03/2025 15:45\""),
                    Map.entry("/total/amount", "6797.00"),
                    Map.entry("/items/0/unitPrice/amount", "\"4,999.00\""),
                    Map.entry("/items/1/unitPrice/amount", "\"8.99E+2\""),
                    Map.entry("/total/currency", "\"Rs\""),
                    Map.entry("/customer/phone", "\"098765 43210\""),
                    Map.entry("/customer/email", "\"priya.sharma\""),
                    Map.entry("/customer/locale", "null"),
                    Map.entry("/customer/consent", "null"),
                    Map.entry("/items", "[]"),
                    Map.entry("/items/0/quantity", "0"),
                    Map.entry("/merchant/brandColor", "\"maroon\""));
            case ORDER_CANCELLED -> Map.of(
                    "/cancelledAt", "\"2025-03-14\"",
                    "/orderId", "\"\"",
                    "/reason", "\"%s\"".formatted("x".repeat(501)));
            case SHIPMENT_UPDATED -> Map.of(
                    "/checkpoint/time", "\"2025-03-17 08:42\"",
                    "/promisedDate", "\"2025-03-18T00:00:00Z\"",
                    "/trackingUrl", "\"/s/c41e8b2d\"",
                    "/checkpoint/location", "\"Bengaluru\"",
                    "/carrier", "\"\"");
            case SHIPMENT_DELIVERED -> Map.of(
                    "/deliveredAt", "\"yesterday\"",
                    "/shipmentId", "\"\"",
                    "/location", "\"Bengaluru\"");
            case REVIEW_REQUESTED -> Map.of(
                    "/items/0/stars/4/stars", "6",
                    "/items/0/stars/0/stars", "0",
                    "/items/0/stars/0/url", "\"/r/e8a1f3c5\"",
                    "/reminder", "\"no\"",
                    "/expiresAt", "\"2025-04-16\"",
                    "/items/1/stars", "[]");
            case SHOPPER_REPLIED -> Map.of(
                    "/receivedAt", "\"yesterday\"",
                    "/replyId", "\"\"",
                    "/channel", "\"\"",
                    "/shipmentId", "42");
            case REVIEW_THANKED -> Map.of(
                    "/reviewedAt", "\"yesterday\"",
                    "/thanksId", "\"\"",
                    "/discountCode", "42");
        };
    }

    @Test
    void orderPlacedSchema_needsEmailOrPhoneToReachTheShopper() {
        JsonNode sample = EventJson.sample(EventType.ORDER_PLACED);
        JsonNode withoutEmail = EventJson.with(sample, JsonPointer.compile("/customer/email"), parse("null"));
        JsonNode withoutPhone = EventJson.without(sample, JsonPointer.compile("/customer/phone"));
        JsonNode withNeither = EventJson.with(withoutPhone, JsonPointer.compile("/customer/email"), parse("null"));

        assertThat(ContractSchemas.validate(EventType.ORDER_PLACED, withoutEmail)).isEmpty();
        assertThat(ContractSchemas.validate(EventType.ORDER_PLACED, withoutPhone)).isEmpty();
        assertThat(ContractSchemas.validate(EventType.ORDER_PLACED, withNeither)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaAndRecordIgnoreUnknownFields_inEveryObject(EventType type) throws Exception {
        JsonNode sample = EventJson.sample(type);
        JsonNode body = sample.deepCopy();
        List<JsonPointer> objects = EventJson.objectPointers(body);
        for (JsonPointer object : objects) {
            ((ObjectNode) body.at(object)).set("addedInALaterVersion", parse("{\"giftWrap\": true}"));
        }

        assertThat(objects).isNotEmpty();
        assertThat(ContractSchemas.validate(type, body)).isEmpty();
        assertThat(EventJson.read(body, type)).isEqualTo(EventJson.read(sample, type));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaDocument_isValidDraft202012_andNamedWithoutAnInternetHost(EventType type) {
        JsonNode schema = ContractSchemas.document(type);

        assertThat(ContractSchemas.metaSchema().validate(schema)).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(SchemaId.V202012);
        assertThat(schema.path("$id").asText()).isEqualTo("urn:shipnotify:schema:" + type.topic());
        assertThat(schema.path("title").asText()).isEqualTo(type.recordType().getSimpleName());
        assertThat(schema.path("description").asText()).contains(type.topic(), type.ceType());
        assertThat(schema.path("additionalProperties").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void schemaDocument_describesEveryProperty(EventType type) {
        JsonNode schema = ContractSchemas.document(type);
        List<String> undescribed = new ArrayList<>();
        collectUndescribedProperties(schema, "", undescribed);

        assertThat(undescribed).isEmpty();
    }

    @Test
    void definitionsSharedByTwoSchemas_areIdentical() {
        Map<String, JsonNode> seen = new HashMap<>();
        for (EventType type : EventType.values()) {
            ContractSchemas.document(type).path("$defs").properties().forEach(definition -> {
                JsonNode earlier = seen.putIfAbsent(definition.getKey(), definition.getValue());
                if (earlier != null) {
                    assertThat(definition.getValue()).as("$defs/%s in %s", definition.getKey(), type)
                            .isEqualTo(earlier);
                }
            });
        }
        assertThat(seen).containsKeys("Location", "Money", "ShipmentStatus");
    }

    @Test
    void schemaFactory_refusesToFetchFromTheNetwork() {
        assertThatThrownBy(() -> ContractSchemas.load("https://schemas.shipnotify.example/other.schema.json"))
                .isInstanceOf(InvalidSchemaException.class)
                .hasMessageContaining("not allowed");
    }

    private static List<String> fieldNames(JsonNode body) {
        return EventJson.memberPointers(body).stream().map(JsonPointer::toString)
                .map(p -> p.replaceAll("/\\d+(?=/|$)", "/*")).distinct().sorted().toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void collectEnums(JsonNode node, String at, Map<String, List<String>> into) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                String path = at + "/" + member.getKey();
                if (member.getKey().equals("enum")) {
                    into.put(path, texts(member.getValue()));
                } else {
                    collectEnums(member.getValue(), path, into);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectEnums(node.get(i), at + "/" + i, into);
            }
        }
    }

    private static void collectUndescribedProperties(JsonNode node, String at, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                String path = at + "/" + member.getKey();
                if (member.getKey().equals("properties") && !at.matches(".*/anyOf/\\d+")) {
                    member.getValue().properties().forEach(property -> {
                        if (!property.getValue().hasNonNull("description")) {
                            into.add(path + "/" + property.getKey());
                        }
                    });
                }
                collectUndescribedProperties(member.getValue(), path, into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndescribedProperties(node.get(i), at + "/" + i, into);
            }
        }
    }
}
