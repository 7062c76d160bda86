package crm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crm.deploy.Manifests.Rendered;
import crm.deploy.Manifests.Validation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** helm/crm rendered by a real Helm for every values file, validated offline and checked for what it promises. */
class HelmChartTest {

    private static final String RELEASE = "crm";
    private static final Set<String> MARKERS = Set.of("marker-admin-token-7c1e", "marker-sign-key-5b2d",
            "marker-public-key-9a3f");

    private static DeployTools tools;
    private static Path chart;
    /** Rendering name -> its objects; each rendering is the chart's values.yaml plus the files named. */
    private static final Map<String, List<Rendered>> renderings = new LinkedHashMap<>();
    private static Validation validation;

    @BeforeAll
    static void render() {
        tools = DeployTools.get();
        chart = tools.root.resolve("helm/crm");
        Path resources = Path.of("src/test/resources").toAbsolutePath();
        Map<String, List<String>> valueFiles = new LinkedHashMap<>();
        valueFiles.put("values.yaml", List.of());
        valueFiles.put("values-jvm.yaml", List.of(chart.resolve("values-jvm.yaml").toString()));
        valueFiles.put("values-native.yaml", List.of(chart.resolve("values-native.yaml").toString()));
        valueFiles.put("values-production.yaml", List.of(chart.resolve("values-production.yaml").toString()));
        valueFiles.put("external", List.of(chart.resolve("values-production.yaml").toString(),
                resources.resolve("values-external.yaml").toString()));
        valueFiles.put("chart-secrets", List.of(chart.resolve("values-jvm.yaml").toString(),
                resources.resolve("values-chart-secrets.yaml").toString()));
        List<Rendered> all = new ArrayList<>();
        valueFiles.forEach((name, files) -> {
            List<String> args = new ArrayList<>(List.of("template", RELEASE, chart.toString(), "--namespace", "crm"));
            files.forEach(f -> args.addAll(List.of("-f", f)));
            String yaml = DeployTools.mustSucceed(tools.helm(args.toArray(String[]::new)), "helm template " + name)
                    .stdout();
            List<Rendered> objects = Manifests.parse("helm " + name, yaml);
            renderings.put(name, objects);
            all.addAll(objects);
        });
        validation = Manifests.validate(tools, all);
    }

    @Test
    void helm_lint_passes_for_every_values_file() {
        for (String file : List.of("values.yaml", "values-jvm.yaml", "values-native.yaml", "values-production.yaml")) {
            DeployTools.Result lint = tools.helm("lint", "--strict", chart.toString(), "-f",
                    chart.resolve(file).toString());
            assertThat(lint.exitCode()).as("helm lint --strict -f %s:%n%s", file, lint.all()).isZero();
        }
    }

    @Test
    void every_rendered_object_is_valid_against_the_kubernetes_schemas() {
        assertThat(validation.errors()).isEmpty();
        assertThat(validation.validated()).isGreaterThan(100);
        // Strimzi and CloudNativePG resources too, against their CRD schemas: nothing goes unchecked.
        assertThat(validation.unvalidated()).isEmpty();
    }

    @Test
    void operator_resources_with_a_wrong_field_fail_their_crd_schemas() {
        List<Rendered> production = renderings.get("values-production.yaml");
        var topic = Manifests.ofKind(production, "KafkaTopic").get(0).object().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) topic.path("spec")).put("partitions", "three");
        var cluster = Manifests.ofKind(production, "Cluster").get(0).object().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) cluster.path("spec")).put("instances", "many");

        Manifests.Validation broken = Manifests.validate(tools,
                List.of(new Rendered("broken-topic", topic), new Rendered("broken-cluster", cluster)));

        assertThat(broken.validated()).isZero();
        assertThat(broken.errors()).hasSize(2)
                .anyMatch(e -> e.startsWith("broken-topic KafkaTopic/"))
                .anyMatch(e -> e.startsWith("broken-cluster Cluster/"));
    }

    @Test
    void every_deployment_has_probes_resources_and_a_locked_down_security_context() {
        renderings.forEach((name, objects) -> {
            assertThat(Manifests.ofKind(objects, "Deployment")).as(name).hasSize(4);
            assertThat(PlatformRules.hardeningViolations(objects)).as(name).isEmpty();
            for (Rendered d : Manifests.ofKind(objects, "Deployment")) {
                JsonNode pod = d.object().at("/spec/template/spec");
                assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(d.toString()).isFalse();
                assertThat(pod.at("/containers/0/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
                assertThat(pod.path("topologySpreadConstraints")).as(d + " topology spread").hasSize(2);
            }
        });
    }

    @Test
    void no_secret_value_reaches_a_config_map_or_any_object_but_a_secret() {
        renderings.forEach((name, objects) ->
                assertThat(PlatformRules.configMapViolations(objects, MARKERS)).as(name).isEmpty());

        List<Rendered> objects = renderings.get("chart-secrets");
        for (Rendered o : objects) {
            if (!o.kind().equals("Secret")) {
                String text = o.object().toString();
                assertThat(MARKERS).as(o.toString()).noneMatch(text::contains);
            }
        }
        Rendered auth = only(objects, "Secret", RELEASE + "-auth");
        assertThat(decoded(auth, "CRM_ADMIN_TOKEN")).isEqualTo("marker-admin-token-7c1e");
        assertThat(decoded(auth, "SMALLRYE_JWT_SIGN_KEY")).contains("marker-sign-key-5b2d");
        assertThat(decoded(auth, "MP_JWT_VERIFY_PUBLICKEY")).contains("marker-public-key-9a3f");
        // Only ingest signs tokens and answers the admin API; every service verifies tokens.
        for (Rendered d : Manifests.ofKind(objects, "Deployment")) {
            Map<String, String> fromSecrets = secretEnv(d);
            assertThat(fromSecrets).as(d.toString()).containsEntry("MP_JWT_VERIFY_PUBLICKEY", RELEASE + "-auth")
                    .containsKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
            boolean ingest = d.name().equals("crm-ingest-service");
            assertThat(fromSecrets.containsKey("SMALLRYE_JWT_SIGN_KEY")).as(d.toString()).isEqualTo(ingest);
            assertThat(fromSecrets.containsKey("CRM_ADMIN_TOKEN")).as(d.toString()).isEqualTo(ingest);
            assertThat(fromSecrets.containsKey("QUARKUS_MAILER_PASSWORD")).as(d.toString())
                    .isEqualTo(d.name().equals("crm-journey-service"));
        }
    }

    @Test
    void network_policies_deny_by_default_and_only_ingest_is_reachable_from_outside() {
        renderings.forEach((name, objects) -> {
            assertThat(PlatformRules.hasDefaultDeny(objects)).as(name + " default deny").isTrue();
            for (String service : PlatformRules.SERVICES) {
                Rendered policy = only(objects, "NetworkPolicy", RELEASE + "-" + service);
                assertThat(policy.object().at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                        .isEqualTo(service);
                List<JsonNode> ingress = Manifests.list(policy.object().at("/spec/ingress"));
                assertThat(ingress).as(policy.toString()).isNotEmpty();
                if (!service.equals("ingest-service")) {
                    assertThat(ingress).as(policy + ": every ingress rule names its sources")
                            .allMatch(rule -> !rule.path("from").isEmpty());
                }
                // Egress: DNS, Kafka, PostgreSQL, and journey's providers; nothing else.
                int expected = service.equals("journey-service") ? 4 : 3;
                assertThat(policy.object().at("/spec/egress")).as(policy + " egress rules").hasSize(expected);
            }
        });
        List<JsonNode> ingestFrom = Manifests.list(only(renderings.get("values-production.yaml"), "NetworkPolicy",
                "crm-ingest-service").object().at("/spec/ingress/0/from"));
        assertThat(ingestFrom).as("production narrows ingest to the ingress controller").isNotEmpty();
    }

    @Test
    void production_autoscales_spreads_strictly_and_exposes_only_ingest_over_tls() {
        List<Rendered> objects = renderings.get("values-production.yaml");
        assertThat(Manifests.ofKind(objects, "HorizontalPodAutoscaler")).hasSize(4);
        assertThat(Manifests.ofKind(objects, "PodDisruptionBudget")).hasSize(4);
        assertThat(Manifests.ofKind(objects, "ServiceMonitor")).hasSize(4)
                .allMatch(m -> m.object().at("/spec/endpoints/0/path").asText().equals("/q/metrics"));
        for (Rendered d : Manifests.ofKind(objects, "Deployment")) {
            assertThat(d.object().at("/spec/replicas").isMissingNode()).as(d + ": the HPA owns replicas").isTrue();
            assertThat(Manifests.list(d.object().at("/spec/template/spec/topologySpreadConstraints")))
                    .allMatch(c -> c.path("whenUnsatisfiable").asText().equals("DoNotSchedule"));
        }
        List<Rendered> ingresses = Manifests.ofKind(objects, "Ingress");
        assertThat(ingresses).hasSize(1);
        JsonNode spec = ingresses.get(0).object().path("spec");
        assertThat(spec.at("/tls/0/secretName").asText()).isEqualTo("crm-ingest-tls");
        assertThat(spec.at("/tls/0/hosts/0").asText()).isEqualTo(spec.at("/rules/0/host").asText());
        assertThat(Manifests.list(spec.at("/rules/0/http/paths"))).allMatch(p ->
                p.at("/backend/service/name").asText().equals("crm-ingest-service"));
        assertThat(Manifests.ofKind(renderings.get("values-jvm.yaml"), "Ingress")).isEmpty();
    }

    @Test
    void native_values_run_native_images_in_a_fraction_of_the_jvm_memory() {
        for (Rendered d : Manifests.ofKind(renderings.get("values-native.yaml"), "Deployment")) {
            JsonNode c = d.object().at("/spec/template/spec/containers/0");
            assertThat(c.path("image").asText()).matches("ghcr\\.io/crm-suite/[a-z]+-service:0\\.1\\.0-SNAPSHOT-native");
            assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("192Mi");
        }
        for (Rendered d : Manifests.ofKind(renderings.get("values-jvm.yaml"), "Deployment")) {
            JsonNode c = d.object().at("/spec/template/spec/containers/0");
            assertThat(c.path("image").asText()).matches("ghcr\\.io/crm-suite/[a-z]+-service:0\\.1\\.0-SNAPSHOT");
            assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("768Mi");
        }
    }

    @Test
    void strimzi_topics_cover_every_topic_the_services_use_with_partitions_and_retention() {
        List<Rendered> topics = Manifests.ofKind(renderings.get("values-production.yaml"), "KafkaTopic");
        Map<String, JsonNode> byName = topics.stream().collect(Collectors.toMap(
                t -> t.object().at("/spec/topicName").asText(), t -> t.object().path("spec")));
        assertThat(byName.keySet()).containsAll(PlatformRules.topicsTheServicesUse(tools.root))
                .contains("crm.workspaces.v1", "crm.events.v1", "crm.profiles.v1", "crm.segments.v1", "crm.dlq.v1");
        byName.forEach((topic, spec) -> {
            assertThat(spec.path("partitions").asInt()).as(topic).isPositive();
            assertThat(spec.path("replicas").asInt()).as(topic).isEqualTo(3);
            assertThat(spec.at("/config/min.insync.replicas").asInt()).as(topic).isEqualTo(2);
            String policy = spec.at("/config/cleanup.policy").asText();
            assertThat(policy).as(topic).isIn("compact", "delete");
            if (policy.equals("delete")) {
                assertThat(spec.at("/config/retention.ms").asLong()).as(topic + " retention").isPositive();
            }
        });
        Rendered kafka = only(renderings.get("values-production.yaml"), "Kafka", "crm-kafka");
        assertThat(kafka.object().at("/spec/kafka/config/auto.create.topics.enable").asBoolean(true)).isFalse();
        assertThat(Manifests.ofKind(renderings.get("values-production.yaml"), "KafkaNodePool")).hasSize(1)
                .allMatch(p -> p.object().at("/metadata/labels/strimzi.io~1cluster").asText().equals("crm-kafka"));
    }

    @Test
    void cloudnativepg_gives_each_service_its_own_role_database_and_credentials() {
        List<Rendered> objects = renderings.get("values-production.yaml");
        Rendered cluster = only(objects, "Cluster", "crm-postgres");
        Map<String, String> roleSecrets = Manifests.list(cluster.object().at("/spec/managed/roles")).stream()
                .collect(Collectors.toMap(r -> r.path("name").asText(), r -> r.at("/passwordSecret/name").asText()));
        assertThat(roleSecrets.keySet()).containsExactlyInAnyOrder("ingest", "profile", "segment", "journey");
        Map<String, String> databaseOwners = Manifests.ofKind(objects, "Database").stream().collect(Collectors.toMap(
                d -> d.object().at("/spec/name").asText(), d -> d.object().at("/spec/owner").asText()));
        assertThat(databaseOwners).containsOnly(Map.entry("ingest", "ingest"), Map.entry("profile", "profile"),
                Map.entry("segment", "segment"), Map.entry("journey", "journey"));
        for (String db : roleSecrets.keySet()) {
            Rendered deployment = only(objects, "Deployment", "crm-" + db + "-service");
            String secret = roleSecrets.get(db);
            assertThat(secretEnv(deployment)).containsEntry("QUARKUS_DATASOURCE_PASSWORD", secret);
            Rendered credentials = only(objects, "Secret", secret);
            assertThat(credentials.object().path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
            assertThat(decoded(credentials, "username")).isEqualTo(db);
            assertThat(decoded(credentials, "password")).hasSizeGreaterThanOrEqualTo(32);
            Rendered config = only(objects, "ConfigMap", "crm-" + db + "-service");
            assertThat(config.object().at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://crm-postgres-rw:5432/" + db);
        }
    }

    @Test
    void bring_your_own_kafka_and_postgresql_renders_no_operator_resources() {
        List<Rendered> objects = renderings.get("external");
        assertThat(objects).noneMatch(o -> o.object().path("apiVersion").asText().startsWith("kafka.strimzi.io")
                || o.object().path("apiVersion").asText().startsWith("postgresql.cnpg.io"));
        assertThat(Manifests.ofKind(objects, "Secret")).as("credentials are the user's Secrets").isEmpty();
        for (Rendered d : Manifests.ofKind(objects, "Deployment")) {
            assertThat(secretEnv(d)).containsEntry("KAFKA_SASL_JAAS_CONFIG", "crm-kafka-credentials");
            assertThat(d.object().at("/spec/template/spec/volumes").toString()).contains("crm-kafka-ca");
        }
        JsonNode config = only(objects, "ConfigMap", "crm-profile-service").object().path("data");
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).startsWith("kafka-1.example.internal:9096");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://pg.example.internal:5432/profile?sslmode=verify-full");
        JsonNode egress = only(objects, "NetworkPolicy", "crm-profile-service").object().at("/spec/egress");
        assertThat(egress.toString()).contains("10.20.0.0/24", "10.30.0.0/24").doesNotContain("strimzi.io");
    }

    @Test
    void a_wrong_value_fails_at_install() {
        Map<String, String> wrong = Map.of(
                "image.flavour=graal", "/image/flavour",
                "services.ingest.replicas=two", "/services/ingest/replicas",
                "kafka.securityProtocol=SASL", "/kafka/securityProtocol",
                "services.profile.resources.limits.memory=lots", "/services/profile/resources/limits/memory",
                "ingress.tls.enabled=maybe", "/ingress/tls/enabled",
                "replicaCount=3", "replicaCount");
        wrong.forEach((set, field) -> {
            DeployTools.Result result = tools.helm("template", RELEASE, chart.toString(), "--set", set);
            assertThat(result.exitCode()).as("--set %s must fail", set).isNotZero();
            assertThat(result.stderr()).as("--set %s", set).contains("schema").contains(field);
        });
        DeployTools.Result noKafka = tools.helm("template", RELEASE, chart.toString(), "--set", "strimzi.enabled=false");
        assertThat(noKafka.exitCode()).isNotZero();
        assertThat(noKafka.stderr()).contains("kafka.bootstrapServers is required");
    }

    @Test
    void chart_version_and_app_version_follow_the_project_version() {
        JsonNode chartYaml = Manifests.readYaml(chart.resolve("Chart.yaml"));
        String version = System.getProperty("crm.version");
        assertThat(chartYaml.path("version").asText()).isEqualTo(version);
        assertThat(chartYaml.path("appVersion").asText()).isEqualTo(version);
    }

    @Test
    void install_notes_tell_how_to_create_the_first_workspace() {
        DeployTools.Result install = DeployTools.mustSucceed(tools.helm("install", RELEASE, chart.toString(),
                "--dry-run=client", "--namespace", "shop", "-f", chart.resolve("values-jvm.yaml").toString()),
                "helm install --dry-run=client");
        String notes = install.stdout().substring(install.stdout().indexOf("NOTES:"));
        assertThat(notes).contains("kubectl -n shop get secret crm-auth", "CRM_ADMIN_TOKEN",
                "port-forward service/crm-ingest-service 8081:8081", "-X POST \"$CRM/v1/workspaces\"");
    }

    private static Rendered only(List<Rendered> objects, String kind, String name) {
        List<Rendered> found = objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).toList();
        assertThat(found).as(kind + "/" + name).hasSize(1);
        return found.get(0);
    }

    private static String decoded(Rendered secret, String key) {
        return new String(Base64.getDecoder().decode(secret.object().at("/data/" + key).asText()),
                StandardCharsets.UTF_8);
    }

    /** Env var name -> the Secret it comes from, for the first container of a Deployment. */
    private static Map<String, String> secretEnv(Rendered deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : Manifests.list(deployment.object().at("/spec/template/spec/containers/0/env"))) {
            JsonNode ref = e.at("/valueFrom/secretKeyRef/name");
            if (!ref.isMissingNode()) {
                env.put(e.path("name").asText(), ref.asText());
            }
        }
        return env;
    }
}
