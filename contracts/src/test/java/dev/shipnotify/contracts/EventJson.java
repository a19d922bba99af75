package dev.shipnotify.contracts;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads, writes and edits event bodies the way the services do: Jackson with ISO-8601 dates. */
final class EventJson {

    /**
     * The services' mapper settings that matter for the wire format. Unknown properties are left to fail
     * here (Jackson's default) so that the tests prove the records themselves ignore them.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventJson() {
    }

    static JsonNode resource(String name) {
        try (InputStream in = EventJson.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no classpath resource " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode sample(EventType type) {
        return resource(type.sampleResource());
    }

    /** Serialises to bytes and parses them back, i.e. exactly what travels on the topic. */
    static JsonNode write(Record event) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Record read(JsonNode body, EventType type) throws JsonProcessingException {
        return MAPPER.treeToValue(body, type.recordType());
    }

    static boolean recordRejects(JsonNode body, EventType type) {
        try {
            read(body, type);
            return false;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return true;
        }
    }

    /** Pointers to every member of every object in the tree, array elements included, parents first. */
    static List<JsonPointer> memberPointers(JsonNode tree) {
        List<JsonPointer> pointers = new ArrayList<>();
        collectMembers(tree, JsonPointer.empty(), pointers);
        return pointers;
    }

    private static void collectMembers(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                JsonPointer child = at.appendProperty(member.getKey());
                into.add(child);
                collectMembers(member.getValue(), child, into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectMembers(node.get(i), at.appendIndex(i), into);
            }
        }
    }

    /** Pointers to the root and every object nested in it, array elements included. */
    static List<JsonPointer> objectPointers(JsonNode tree) {
        List<JsonPointer> pointers = new ArrayList<>();
        collectObjects(tree, JsonPointer.empty(), pointers);
        return pointers;
    }

    private static void collectObjects(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        if (node.isObject()) {
            into.add(at);
            node.properties().forEach(member -> collectObjects(member.getValue(), at.appendProperty(member.getKey()), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectObjects(node.get(i), at.appendIndex(i), into);
            }
        }
    }

    static JsonNode without(JsonNode tree, JsonPointer member) {
        JsonNode copy = tree.deepCopy();
        ((ObjectNode) copy.at(member.head())).remove(member.last().getMatchingProperty());
        return copy;
    }

    static JsonNode with(JsonNode tree, JsonPointer member, JsonNode value) {
        JsonNode copy = tree.deepCopy();
        ((ObjectNode) copy.at(member.head())).set(member.last().getMatchingProperty(), value);
        return copy;
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Every enum type a record uses, in its own components or in nested records and lists of them. */
    static Set<Class<?>> enumTypes(Class<?> recordType) {
        Set<Class<?>> enums = new LinkedHashSet<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            Class<?> type = valueType(component);
            if (type.isEnum()) {
                enums.add(type);
            } else if (type.isRecord()) {
                enums.addAll(enumTypes(type));
            }
        }
        return enums;
    }

    /** Where a body holds a non-null enum value, with the enum type the record reads it as. */
    static Map<JsonPointer, Class<?>> enumMembers(Class<?> recordType, JsonNode body) {
        Map<JsonPointer, Class<?>> members = new LinkedHashMap<>();
        collectEnumMembers(recordType, body, JsonPointer.empty(), members);
        return members;
    }

    private static void collectEnumMembers(Class<?> recordType, JsonNode body, JsonPointer at,
            Map<JsonPointer, Class<?>> into) {
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode value = body.get(component.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            JsonPointer pointer = at.appendProperty(component.getName());
            Class<?> type = valueType(component);
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    collectValue(type, value.get(i), pointer.appendIndex(i), into);
                }
            } else {
                collectValue(type, value, pointer, into);
            }
        }
    }

    private static void collectValue(Class<?> type, JsonNode value, JsonPointer at, Map<JsonPointer, Class<?>> into) {
        if (type.isEnum()) {
            into.put(at, type);
        } else if (type.isRecord()) {
            collectEnumMembers(type, value, at, into);
        }
    }

    /** The component's type, or its element type for a {@code List<T>}. */
    private static Class<?> valueType(RecordComponent component) {
        if (List.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return component.getType();
    }
}
