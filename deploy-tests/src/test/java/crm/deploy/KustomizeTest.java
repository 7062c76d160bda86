package crm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crm.deploy.Manifests.Rendered;
import crm.deploy.Manifests.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** k8s/: the kustomize overlays rendered by a real kubectl, validated offline and checked. */
class KustomizeTest {

    private static DeployTools tools;
    private static final Map<String, List<Rendered>> overlays = new LinkedHashMap<>();
    private static Validation validation;

    @BeforeAll
    static void render() {
        tools = DeployTools.get();
        List<Rendered> all = new ArrayList<>();
        for (String overlay : List.of("k8s/overlays/jvm", "k8s/overlays/native", "k8s/examples/external")) {
            String yaml = DeployTools.mustSucceed(tools.kubectl("kustomize", tools.root.resolve(overlay).toString()),
                    "kubectl kustomize " + overlay).stdout();
            List<Rendered> objects = Manifests.parse(overlay, yaml);
            overlays.put(overlay, objects);
            all.addAll(objects);
        }
        validation = Manifests.validate(tools, all);
    }

    @Test
    void every_overlay_renders_objects_valid_against_the_kubernetes_schemas() {
        assertThat(validation.errors()).isEmpty();
        assertThat(validation.validated()).isGreaterThan(50);
        // Strimzi and CloudNativePG resources too, against their CRD schemas: nothing goes unchecked.
        assertThat(validation.unvalidated()).isEmpty();
        overlays.forEach((overlay, objects) -> {
            assertThat(Manifests.ofKind(objects, "Deployment")).as(overlay).hasSize(4);
            assertThat(Manifests.ofKind(objects, "Service")).as(overlay).hasSize(4);
            assertThat(objects).as(overlay + ": one namespace").allMatch(o ->
                    o.object().at("/metadata/namespace").asText().equals("crm"));
        });
    }

    @Test
    void every_deployment_has_probes_resources_and_a_locked_down_security_context() {
        overlays.forEach((overlay, objects) -> {
            assertThat(PlatformRules.hardeningViolations(objects)).as(overlay).isEmpty();
            assertThat(PlatformRules.hasDefaultDeny(objects)).as(overlay + " default deny").isTrue();
            assertThat(Manifests.ofKind(objects, "PodDisruptionBudget")).as(overlay).hasSize(4);
            assertThat(PlatformRules.configMapViolations(objects, Set.of())).as(overlay).isEmpty();
            assertThat(Manifests.ofKind(objects, "Secret")).as(overlay + ": no secret in git").isEmpty();
        });
    }

    @Test
    void only_ingest_takes_traffic_from_outside_the_namespace() {
        List<Rendered> policies = Manifests.ofKind(overlays.get("k8s/overlays/jvm"), "NetworkPolicy");
        for (Rendered policy : policies) {
            for (JsonNode rule : Manifests.list(policy.object().at("/spec/ingress"))) {
                boolean open = rule.path("from").isEmpty();
                if (open) {
                    assertThat(policy.object().at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                            .as(policy + " is open to any source").isEqualTo("ingest-service");
                }
            }
        }
    }

    @Test
    void the_native_overlay_runs_native_images_with_small_requests_and_limits() {
        for (Rendered d : Manifests.ofKind(overlays.get("k8s/overlays/native"), "Deployment")) {
            JsonNode c = d.object().at("/spec/template/spec/containers/0");
            assertThat(c.path("image").asText()).endsWith(":0.1.0-SNAPSHOT-native");
            assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("96Mi");
            assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("192Mi");
        }
        for (Rendered d : Manifests.ofKind(overlays.get("k8s/overlays/jvm"), "Deployment")) {
            JsonNode c = d.object().at("/spec/template/spec/containers/0");
            assertThat(c.path("image").asText()).startsWith("ghcr.io/crm-suite/").endsWith(":0.1.0-SNAPSHOT");
            assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("768Mi");
        }
    }

    @Test
    void strimzi_topics_cover_every_topic_the_services_use() {
        List<Rendered> objects = overlays.get("k8s/overlays/jvm");
        Set<String> topics = Manifests.ofKind(objects, "KafkaTopic").stream().map(Rendered::name)
                .collect(Collectors.toSet());
        assertThat(topics).containsAll(PlatformRules.topicsTheServicesUse(tools.root))
                .contains("crm.workspaces.v1", "crm.events.v1", "crm.profiles.v1", "crm.segments.v1", "crm.dlq.v1");
        for (Rendered topic : Manifests.ofKind(objects, "KafkaTopic")) {
            JsonNode spec = topic.object().path("spec");
            assertThat(spec.path("partitions").asInt()).as(topic.toString()).isPositive();
            assertThat(spec.at("/config/cleanup.policy").asText()).as(topic.toString()).isIn("compact", "delete");
        }
        String bootstrap = only(objects, "ConfigMap", "crm-config").object().at("/data/KAFKA_BOOTSTRAP_SERVERS")
                .asText();
        String kafka = only(objects, "Kafka", "crm-kafka").name();
        assertThat(bootstrap).isEqualTo(kafka + "-kafka-bootstrap:9092");
    }

    @Test
    void cloudnativepg_gives_each_service_its_own_role_database_and_credentials() {
        List<Rendered> objects = overlays.get("k8s/overlays/jvm");
        Rendered cluster = only(objects, "Cluster", "crm-postgres");
        Map<String, String> roleSecrets = Manifests.list(cluster.object().at("/spec/managed/roles")).stream()
                .collect(Collectors.toMap(r -> r.path("name").asText(), r -> r.at("/passwordSecret/name").asText()));
        Map<String, String> owners = Manifests.ofKind(objects, "Database").stream().collect(Collectors.toMap(
                d -> d.object().at("/spec/name").asText(), d -> d.object().at("/spec/owner").asText()));
        assertThat(owners).containsOnly(Map.entry("ingest", "ingest"), Map.entry("profile", "profile"),
                Map.entry("segment", "segment"), Map.entry("journey", "journey"));
        for (String db : owners.keySet()) {
            JsonNode container = only(objects, "Deployment", db + "-service").object()
                    .at("/spec/template/spec/containers/0");
            assertThat(container.path("env").toString()).contains("\"name\":\"" + roleSecrets.get(db) + "\"");
            assertThat(only(objects, "ConfigMap", db + "-service-config").object()
                    .at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://crm-postgres-rw:5432/" + db);
        }
    }

    @Test
    void the_external_example_uses_no_operator_and_reads_kafka_credentials_from_a_secret() {
        List<Rendered> objects = overlays.get("k8s/examples/external");
        assertThat(objects).noneMatch(o -> o.object().path("apiVersion").asText().startsWith("kafka.strimzi.io")
                || o.object().path("apiVersion").asText().startsWith("postgresql.cnpg.io"));
        assertThat(only(objects, "ConfigMap", "crm-config").object().at("/data/KAFKA_SECURITY_PROTOCOL").asText())
                .isEqualTo("SASL_SSL");
        for (Rendered d : Manifests.ofKind(objects, "Deployment")) {
            assertThat(d.object().at("/spec/template/spec/containers/0/env").toString())
                    .contains("KAFKA_SASL_JAAS_CONFIG", "crm-kafka-credentials");
        }
    }

    /** k8s/base holds what quarkus-kubernetes generates: a change in a service's settings must reach it (k8s/sync). */
    @Test
    void the_base_is_what_the_service_builds_generate() {
        for (String service : PlatformRules.SERVICES) {
            Path generated = tools.root.resolve(service).resolve("target/kubernetes/kubernetes.yml");
            Path committed = tools.root.resolve("k8s/base").resolve(service).resolve("kubernetes.yml");
            assertThat(Files.exists(generated)).as("%s is missing: build the services first (./mvnw package), "
                    + "deploy-tests comes after them in the reactor", generated).isTrue();
            // Compared as objects: quarkus-kubernetes does not keep the order of labels from one build to the next.
            List<JsonNode> fresh = Manifests.parse(service, read(generated)).stream().map(Rendered::object).toList();
            List<JsonNode> copy = Manifests.parse(service, read(committed)).stream().map(Rendered::object).toList();
            assertThat(copy.equals(fresh)).as("k8s/base/%s/kubernetes.yml differs from the build's; run k8s/sync%n"
                    + "committed: %s%ngenerated: %s", service, copy, fresh).isTrue();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new AssertionError("Cannot read " + file + ": " + e, e);
        }
    }

    private static Rendered only(List<Rendered> objects, String kind, String name) {
        List<Rendered> found = objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).toList();
        assertThat(found).as(kind + "/" + name).hasSize(1);
        return found.get(0);
    }
}
