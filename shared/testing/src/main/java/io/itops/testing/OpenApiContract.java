package io.itops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.itops.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks real responses against openapi.yaml: the route, the status and the media type must be
 * documented, and the body must match the documented schema (JSON Schema 2020-12, as OpenAPI 3.1).
 */
public final class OpenApiContract {
    private static OpenApiContract cached;
    private final JsonNode document;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    public static synchronized OpenApiContract load() {
        if (cached == null) {
            try {
                String text = java.nio.file.Files.readString(TemplateModel.projectRoot().resolve("openapi.yaml"));
                Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                cached = new OpenApiContract(Json.mapper().valueToTree(yaml));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cached;
    }

    public JsonNode document() {
        return document;
    }

    /** The names of the query parameters openapi.yaml documents for a route ("GET /assets"). */
    public java.util.SortedSet<String> queryParameters(String routeKey) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (JsonNode parameter : parameters(routeKey)) {
            if ("query".equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    /**
     * Whether the JSON request schema of a route types the value at {@code segments} (field names and
     * array indices) nullable: {@code type: [..., "null"]} or a {@code oneOf}/{@code anyOf} with a
     * null branch. False when the schema does not describe the value.
     */
    public boolean nullableInRequest(String routeKey, java.util.List<Object> segments) {
        JsonNode content = operation(routeKey).path("requestBody").path("content");
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.isMissingNode()) {
            schema = content.path("application/merge-patch+json").path("schema");
        }
        for (Object segment : segments) {
            schema = child(resolve(schema), segment);
            if (schema == null || schema.isMissingNode()) {
                return false;
            }
        }
        return allowsNull(schema);
    }

    private JsonNode child(JsonNode schema, Object segment) {
        if (segment instanceof Integer) {
            return schema.path("items");
        }
        JsonNode property = schema.path("properties").path((String) segment);
        if (!property.isMissingNode()) {
            return property;
        }
        for (String combinator : java.util.List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode branch : schema.path(combinator)) {
                JsonNode found = child(resolve(branch), segment);
                if (found != null && !found.isMissingNode()) {
                    return found;
                }
            }
        }
        return schema.path("additionalProperties").isObject() ? schema.path("additionalProperties") : null;
    }

    private boolean allowsNull(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        JsonNode type = resolved.path("type");
        if (type.isTextual() && type.asText().equals("null")) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (t.asText().equals("null")) {
                    return true;
                }
            }
        }
        for (String combinator : java.util.List.of("oneOf", "anyOf")) {
            for (JsonNode branch : resolved.path(combinator)) {
                if (allowsNull(branch)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The route's parameters, path-level and operation-level, with references resolved. */
    public java.util.List<JsonNode> parameters(String routeKey) {
        JsonNode pathItem = document.path("paths").path(path(routeKey));
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        pathItem.path("parameters").forEach(p -> out.add(resolve(p)));
        operation(routeKey).path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    /** The operation of a route key; a missing node when openapi.yaml does not document it. */
    public JsonNode operation(String routeKey) {
        return document.path("paths").path(path(routeKey)).path(routeKey.substring(0, routeKey.indexOf(' ')).toLowerCase());
    }

    private static String path(String routeKey) {
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /** Throws AssertionError describing every mismatch. */
    public void assertValid(String routeKey, Invoker.Response response) {
        int space = routeKey.indexOf(' ');
        String method = routeKey.substring(0, space).toLowerCase();
        String path = routeKey.substring(space + 1);
        JsonNode operation = document.path("paths").path(path).path(method);
        if (operation.isMissingNode()) {
            throw new AssertionError("openapi.yaml does not document " + routeKey);
        }
        JsonNode documented = operation.path("responses").path(Integer.toString(response.status()));
        if (documented.isMissingNode()) {
            documented = operation.path("responses").path("default");
        }
        if (documented.isMissingNode()) {
            throw new AssertionError("openapi.yaml does not document status " + response.status() + " for " + routeKey);
        }
        documented = resolve(documented);
        if (response.rawBody().isEmpty()) {
            return;
        }
        String mediaType = response.header("content-type") == null ? null : response.header("content-type").split(";")[0].trim();
        JsonNode content = documented.path("content").path(mediaType);
        if (content.isMissingNode()) {
            throw new AssertionError("openapi.yaml does not document " + mediaType + " for " + response.status() + " of " + routeKey);
        }
        JsonSchema schema = schemas.computeIfAbsent(routeKey + " " + response.status() + " " + mediaType,
                k -> compile(content.path("schema")));
        Set<ValidationMessage> errors = schema.validate(response.body());
        if (!errors.isEmpty()) {
            throw new AssertionError(routeKey + " " + response.status() + " body does not match openapi.yaml: " + errors
                    + "\nbody: " + response.rawBody());
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return resolve(document.at(ref.asText().substring(1)));
    }

    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.path("components"));
        return factory.getSchema(root);
    }
}
