package crm.e2e.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crm.e2e.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The public operations of a service, as its own OpenAPI document (/q/openapi?format=json) declares them. */
final class OpenApi {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** Who may call an operation: decided by path, because the suite's documents do not all declare security. */
    enum Auth {
        /** Bearer $CRM_ADMIN_TOKEN (workspace creation, write keys, webhook secrets). */
        ADMIN,
        /** The workspace's write key as Basic username (the Segment-compatible tracking API). */
        WRITE_KEY,
        /** A signature over the request (store and provider webhooks, signed unsubscribe links): nothing to present. */
        SIGNED,
        /** A workspace API token (RS256 JWT). */
        API_TOKEN
    }

    /**
     * One operation.
     *
     * @param path       the template, e.g. {@code /v1/segments/{id}}
     * @param pathParams names of the path parameters, in order
     * @param query      names of the query parameters
     * @param bodyTypes  the media types the request body may have (empty: no body)
     * @param bodySchema the body's schema with every $ref resolved (null: none)
     */
    record Operation(Service service, String method, String path, List<String> pathParams, List<String> query,
                     List<String> bodyTypes, JsonNode bodySchema) {
        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return !bodyTypes.isEmpty();
        }

        Auth auth() {
            if (service == Service.INGEST) {
                if (path.startsWith("/v1/webhooks/")) return Auth.SIGNED;
                if (path.equals("/v1/workspaces") && method.equals("POST")) return Auth.ADMIN;
                if (path.startsWith("/v1/workspaces/{id}/")) return Auth.ADMIN;
                if (path.startsWith("/v1/workspaces/")) return Auth.API_TOKEN;
                return Auth.WRITE_KEY;
            }
            if (path.startsWith("/v1/unsubscribe/")) return Auth.SIGNED;
            return Auth.API_TOKEN;
        }

        /** Writes change state when valid: a tenant-isolation or rejected-only phase must not send them valid. */
        boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return service.module + " " + key();
        }
    }

    /** Every operation of every service, read from the running suite; deletions last (they take data others use). */
    static List<Operation> all(SharedSuite.Running s) {
        List<Operation> operations = new ArrayList<>();
        for (Service service : Service.values()) {
            RawHttp.Answer doc = s.http.get(s.url(service) + "/q/openapi?format=json", Map.of());
            if (doc.status() != 200) throw new AssertionError(service.module + " serves no OpenAPI document: " + doc.status());
            operations.addAll(of(service, doc.json()));
        }
        operations.sort(java.util.Comparator.comparing((Operation o) -> o.method().equals("DELETE")).thenComparing(Operation::toString));
        return operations;
    }

    static List<Operation> of(Service service, JsonNode document) {
        List<Operation> ops = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> p : document.path("paths").properties()) {
            for (String m : METHODS) {
                JsonNode op = p.getValue().get(m);
                if (op == null) continue;
                // From the template itself: regex parameters ({endpoint: batch|import}) are not always declared.
                List<String> pathParams = new ArrayList<>();
                java.util.regex.Matcher inTemplate = java.util.regex.Pattern.compile("\\{([^}:\\s]+)[^}]*}").matcher(p.getKey());
                while (inTemplate.find()) pathParams.add(inTemplate.group(1));
                List<String> query = new ArrayList<>();
                List<JsonNode> params = new ArrayList<>();
                p.getValue().path("parameters").forEach(params::add);
                op.path("parameters").forEach(params::add);
                for (JsonNode param : params) {
                    String in = param.path("in").asText();
                    if (in.equals("path") && !pathParams.contains(param.path("name").asText())) pathParams.add(param.path("name").asText());
                    if (in.equals("query")) query.add(param.path("name").asText());
                }
                List<String> bodyTypes = new ArrayList<>();
                JsonNode schema = null;
                JsonNode content = op.path("requestBody").path("content");
                for (Map.Entry<String, JsonNode> type : content.properties()) {
                    bodyTypes.add(type.getKey());
                    if (schema == null) schema = resolve(type.getValue().path("schema"), schemas, 0);
                }
                ops.add(new Operation(service, m.toUpperCase(Locale.ROOT), p.getKey(), List.copyOf(pathParams),
                        List.copyOf(query), List.copyOf(bodyTypes), schema));
            }
        }
        return ops;
    }

    /** The schema with its $refs replaced by what they name (cut at a depth, so recursive schemas end). */
    private static JsonNode resolve(JsonNode schema, JsonNode schemas, int depth) {
        if (schema == null || schema.isMissingNode()) return null;
        if (depth > 8) return JsonNodeFactory.instance.objectNode();
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replaceFirst("^#/components/schemas/", "");
            return resolve(schemas.path(name), schemas, depth + 1);
        }
        if (!schema.isObject()) return schema;
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        Optional.ofNullable(schema.get("properties")).ifPresent(props -> {
            ObjectNode resolved = copy.putObject("properties");
            props.properties().forEach(e -> resolved.set(e.getKey(), resolve(e.getValue(), schemas, depth + 1)));
        });
        if (schema.has("items")) copy.set("items", resolve(schema.get("items"), schemas, depth + 1));
        if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
            copy.set("additionalProperties", resolve(schema.get("additionalProperties"), schemas, depth + 1));
        }
        for (String combo : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combo) && schema.get(combo).size() > 0) {
                JsonNode first = resolve(schema.get(combo).get(0), schemas, depth + 1);
                copy.remove(combo);
                if (first != null && first.isObject()) first.properties().forEach(e -> copy.putIfAbsent(e.getKey(), e.getValue()));
            }
        }
        return copy;
    }
}
