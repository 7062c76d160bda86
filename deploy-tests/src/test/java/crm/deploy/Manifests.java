package crm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Rendered Kubernetes objects: parsing multi-document YAML, offline schema validation, and small look-ups. */
final class Manifests {

    /** One rendered object and where it came from (e.g. "helm values-production.yaml"). */
    record Rendered(String source, JsonNode object) {
        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return source + " " + kind() + "/" + name();
        }
    }

    /** What the node script found: how many objects passed, the failures, and objects it has no schema for. */
    record Validation(int validated, List<String> errors, List<String> unvalidated) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static List<Rendered> parse(String source, String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<Rendered> objects = new ArrayList<>();
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode node = iterator.next();
                if (node != null && node.isObject() && !node.isEmpty()) {
                    objects.add(new Rendered(source, node));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new AssertionError(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Validates every object against the Kubernetes (and prometheus-operator) schemas with kubernetes-models. */
    static Validation validate(DeployTools tools, List<Rendered> objects) {
        try {
            ArrayNode input = JSON.createArrayNode();
            for (Rendered rendered : objects) {
                ObjectNode item = input.addObject();
                item.put("source", rendered.source());
                item.set("object", rendered.object());
            }
            Path file = Files.createTempFile(tools.nodeDir, "objects", ".json");
            try {
                JSON.writeValue(file.toFile(), input);
                DeployTools.Result result = DeployTools.mustSucceed(
                        tools.node("validate.mjs", file.toString()), "offline schema validation");
                JsonNode report = JSON.readTree(result.stdout());
                return new Validation(report.path("validated").asInt(), texts(report.path("errors")),
                        texts(report.path("unvalidated")));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError("Offline validation could not run: " + e, e);
        }
    }

    static List<Rendered> ofKind(List<Rendered> objects, String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    static List<JsonNode> list(JsonNode array) {
        return array.isArray() ? StreamSupport.stream(array.spliterator(), false).toList() : List.of();
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }
}
