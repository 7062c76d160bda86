package crm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import crm.deploy.Manifests.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a platform team relies on in every rendering, as lists of violations (empty = fine), so one failing test
 * names every offending object at once.
 */
final class PlatformRules {

    static final List<String> SERVICES = List.of("ingest-service", "profile-service", "segment-service",
            "journey-service");

    /** Names that hold credentials: such a setting must come from a Secret, never a ConfigMap or a literal. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|SIGN_KEY|PRIVATE|JAAS).*");
    private static final Pattern TOPIC_PROPERTY = Pattern.compile(
            "^mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(dead-letter-queue\\.)?topic\\s*=\\s*(\\S+)\\s*$");

    private PlatformRules() {
    }

    /** Probes, resources, non-root, read-only root filesystem, no capabilities, no privilege escalation. */
    static List<String> hardeningViolations(List<Rendered> objects) {
        List<String> violations = new ArrayList<>();
        for (Rendered deployment : Manifests.ofKind(objects, "Deployment")) {
            JsonNode pod = deployment.object().path("spec").path("template").path("spec");
            boolean podNonRoot = pod.path("securityContext").path("runAsNonRoot").asBoolean(false);
            List<JsonNode> containers = new ArrayList<>(Manifests.list(pod.path("containers")));
            containers.addAll(Manifests.list(pod.path("initContainers")));
            if (containers.isEmpty()) {
                violations.add(deployment + ": no containers");
            }
            for (JsonNode c : containers) {
                String where = deployment + " container " + c.path("name").asText();
                probe(violations, where, c, "livenessProbe", "/q/health/live");
                probe(violations, where, c, "readinessProbe", "/q/health/ready");
                JsonNode resources = c.path("resources");
                for (String path : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    if (resources.at("/" + path).asText("").isEmpty()) {
                        violations.add(where + ": no resources." + path.replace('/', '.'));
                    }
                }
                JsonNode security = c.path("securityContext");
                if (!podNonRoot && !security.path("runAsNonRoot").asBoolean(false)) {
                    violations.add(where + ": may run as root (runAsNonRoot not true)");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    violations.add(where + ": root filesystem is writable");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    violations.add(where + ": allows privilege escalation");
                }
                if (Manifests.list(security.path("capabilities").path("drop")).stream()
                        .noneMatch(d -> d.asText().equals("ALL"))) {
                    violations.add(where + ": capabilities not dropped (drop ALL)");
                }
                for (JsonNode env : Manifests.list(c.path("env"))) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).matches() && env.has("value")) {
                        violations.add(where + ": secret setting " + env.path("name").asText() + " is a literal");
                    }
                }
            }
        }
        return violations;
    }

    private static void probe(List<String> violations, String where, JsonNode container, String probe, String path) {
        if (!container.path(probe).path("httpGet").path("path").asText().equals(path)) {
            violations.add(where + ": no " + probe + " on " + path);
        }
    }

    /** No credential in a ConfigMap: neither under a credential's name nor as a value (PEM keys, given secrets). */
    static List<String> configMapViolations(List<Rendered> objects, Set<String> secretValues) {
        List<String> violations = new ArrayList<>();
        for (Rendered configMap : Manifests.ofKind(objects, "ConfigMap")) {
            configMap.object().path("data").properties().forEach(entry -> {
                String value = entry.getValue().asText();
                if (SECRET_NAME.matcher(entry.getKey().toUpperCase()).matches()) {
                    violations.add(configMap + ": holds the credential " + entry.getKey());
                }
                if (value.contains("-----BEGIN")) {
                    violations.add(configMap + ": holds a PEM block under " + entry.getKey());
                }
                secretValues.stream().filter(value::contains)
                        .forEach(s -> violations.add(configMap + ": holds a secret value under " + entry.getKey()));
            });
        }
        return violations;
    }

    /** A NetworkPolicy that selects the suite's pods and allows nothing, for both directions. */
    static boolean hasDefaultDeny(List<Rendered> objects) {
        return Manifests.ofKind(objects, "NetworkPolicy").stream().map(Rendered::object).anyMatch(p -> {
            JsonNode spec = p.path("spec");
            List<String> types = Manifests.list(spec.path("policyTypes")).stream().map(JsonNode::asText).toList();
            return types.containsAll(List.of("Ingress", "Egress"))
                    && spec.path("ingress").isEmpty() && spec.path("egress").isEmpty()
                    && "crm".equals(spec.path("podSelector").path("matchLabels").path("app.kubernetes.io/part-of")
                            .asText(null));
        });
    }

    /** Every topic a service names in its application.properties (channels and dead-letter topics). */
    static Set<String> topicsTheServicesUse(Path repository) {
        Set<String> topics = new TreeSet<>();
        for (String service : SERVICES) {
            Path properties = repository.resolve(service).resolve("src/main/resources/application.properties");
            try {
                for (String line : Files.readAllLines(properties)) {
                    Matcher m = TOPIC_PROPERTY.matcher(line.trim());
                    if (m.matches()) {
                        topics.add(m.group(3));
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("Cannot read " + properties + ": " + e, e);
            }
        }
        return topics;
    }
}
