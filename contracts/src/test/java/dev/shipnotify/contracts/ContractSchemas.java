package dev.shipnotify.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.Set;

/**
 * JSON Schema validation with schemas from the classpath only: this module's schemas, and the draft 2020-12
 * meta-schema that the library bundles (it maps https://json-schema.org/draft/2020-12/ onto its own jar).
 * Any other location, an http one above all, is refused instead of fetched.
 */
final class ContractSchemas {

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(new AllowSchemaLoader(ContractSchemas::onClasspath))));

    /** Draft 2020-12 treats {@code format} as an annotation by default; the contracts mean it. */
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private ContractSchemas() {
    }

    private static boolean onClasspath(AbsoluteIri iri) {
        String scheme = iri.getScheme();
        return "classpath".equals(scheme) || "resource".equals(scheme);
    }

    static JsonSchema schema(EventType type) {
        return load("classpath:" + type.schemaResource());
    }

    static JsonSchema metaSchema() {
        return load(SchemaId.V202012);
    }

    static JsonSchema load(String location) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(location), CONFIG);
        schema.initializeValidators();
        return schema;
    }

    static JsonNode document(EventType type) {
        return EventJson.resource(type.schemaResource());
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode body) {
        return schema(type).validate(body);
    }
}
