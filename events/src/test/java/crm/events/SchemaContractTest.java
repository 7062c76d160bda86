package crm.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The JSON Schemas in docs/schemas describe exactly what {@link Json} writes for each message record: every written
 * document validates, every written field is documented, required fields and enums match the records.
 */
class SchemaContractTest {

    /** docs/schemas, relative to the events module's base dir (the directory Surefire runs in). */
    static final Path SCHEMAS = Path.of("..", "docs", "schemas");
    static final String ID_PREFIX = "https://crm.example/schemas/";
    static final String CUSTOMER_EVENT = "customer-event.schema.json";
    static final String MESSAGE_EVENT = "message-event.schema.json";
    static final String PROFILE_CHANGED = "profile-changed.schema.json";
    static final String SEGMENT_MEMBERSHIP_CHANGED = "segment-membership-changed.schema.json";
    static final String WORKSPACE_CHANGED = "workspace-changed.schema.json";
    static final String PROFILE_MERGED = "profile-merged.schema.json";
    static final String PROFILE_ERASED = "profile-erased.schema.json";
    static final List<String> ALL_SCHEMAS = List.of(CUSTOMER_EVENT, MESSAGE_EVENT, PROFILE_CHANGED, SEGMENT_MEMBERSHIP_CHANGED,
            WORKSPACE_CHANGED, PROFILE_MERGED, PROFILE_ERASED);

    /**
     * Draft 2020-12 with format assertions on (so date-time is checked). The $ids under {@link #ID_PREFIX} are read
     * from docs/schemas; nothing is fetched over the network.
     */
    static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
            .resourceLoaders(loaders -> loaders.resources(
                    (String iri) -> iri.startsWith(ID_PREFIX) ? readSchema(iri.substring(ID_PREFIX.length())) : null)));

    static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");

    // ---- representative messages, every field set ----

    static CustomerEvent orderCompleted() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("order_id", "1001");
        properties.put("revenue", new BigDecimal("404.95"));
        properties.put("currency", "EUR");
        properties.put("products", List.of(Map.of("sku", "TEE-1", "quantity", 2, "price", new BigDecimal("19.99"))));
        return new CustomerEvent("m-1", "ws-1", EventType.TRACK, EventNames.ORDER_COMPLETED,
                new Identities("u1", "anon-1", " Jane@Example.COM ", "+4915112345678", "6001", "42", "chk-1", "cart-1", "p-1"),
                Map.of("first_name", "Jane"), properties, Map.of("ip", "203.0.113.7", "library", Map.of("name", "analytics.js")),
                AT, AT.plusSeconds(1), "shopify", "anon-0");
    }

    static MessageEvent bounced() {
        return new MessageEvent(MessageEvent.Status.bounced, MessageEvent.Channel.email, "run-1:step-1", "journey-1",
                "run-1", "step-1", "sendgrid", "550 mailbox unavailable");
    }

    static CustomerEvent envelopeOf(MessageEvent message) {
        return message.toCustomerEvent("e-1", "ws-1", new Identities(null, null, "jane@example.com", null, null, null, null, null, "p-1"),
                AT, "journey");
    }

    static ProfileChanged profileChanged() {
        return new ProfileChanged("ws-1", "p-1", 7, AT, "m-1", Map.of(
                "email", "jane@example.com", "orders_count", 3, "total_spent", new BigDecimal("1214.85"),
                "first_order_date", "2025-11-30T10:00:00Z"));
    }

    static SegmentMembershipChanged entered() {
        return new SegmentMembershipChanged("t-1", "ws-1", PresetSegments.id("ws-1", PresetSegments.CUSTOMERS), "Customers",
                "p-1", SegmentMembershipChanged.Change.ENTERED, "orders_count >= 1", AT, 7,
                Map.of("email", "jane@example.com", "orders_count", 3));
    }

    static WorkspaceChanged workspaceCreated() {
        return new WorkspaceChanged("ws-1", "Jane's Shop", WorkspaceChanged.Kind.CREATED, AT);
    }

    static ProfileMerged profileMerged() {
        return new ProfileMerged("ws-1", "p-1", "p-2", AT);
    }

    static ProfileErased profileErased() {
        return new ProfileErased("ws-1", "p-1", AT, "api");
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                arguments(PROFILE_MERGED, profileMerged()),
                arguments(PROFILE_ERASED, profileErased()),
                arguments(CUSTOMER_EVENT, orderCompleted()),
                arguments(CUSTOMER_EVENT, envelopeOf(bounced())),
                arguments(PROFILE_CHANGED, profileChanged()),
                arguments(SEGMENT_MEMBERSHIP_CHANGED, entered()),
                arguments(WORKSPACE_CHANGED, workspaceCreated()));
    }

    // ---- what Json writes is valid and documented ----

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("messages")
    void what_json_writes_for_a_message_is_valid_against_its_schema(String schema, Object message) {
        assertValid(schema, written(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void every_field_json_writes_is_documented_in_the_schema(String schema, Object message) {
        JsonNode json = written(message);
        JsonNode schemaNode = schemaNode(schema);
        assertThat(fieldNames(json)).isSubsetOf(fieldNames(schemaNode.get("properties")));
        if (message instanceof CustomerEvent) {
            assertThat(fieldNames(json.get("identities")))
                    .isSubsetOf(fieldNames(schemaNode.at("/$defs/identities/properties")));
        }
    }

    @Test
    void the_properties_of_a_message_event_are_valid_against_the_message_event_schema() {
        JsonNode envelope = written(envelopeOf(bounced()));

        assertValid(MESSAGE_EVENT, envelope.get("properties"));
        assertThat(fieldNames(envelope.get("properties"))).containsExactlyInAnyOrderElementsOf(
                fieldNames(schemaNode(MESSAGE_EVENT).get("properties")));
    }

    @ParameterizedTest
    @EnumSource(MessageEvent.Status.class)
    void a_message_event_of_every_status_travels_as_a_valid_customer_event(MessageEvent.Status status) {
        var minimal = new MessageEvent(status, MessageEvent.Channel.sms, null, null, null, null, null, null);

        assertValid(CUSTOMER_EVENT, written(envelopeOf(minimal)));
        assertValid(MESSAGE_EVENT, written(envelopeOf(minimal)).get("properties"));
    }

    @Test
    void an_identify_event_with_only_its_required_fields_is_valid() {
        var identify = new CustomerEvent("m-2", "ws-1", EventType.IDENTIFY, null, null, null, null, null, null, null, null, null);

        assertValid(CUSTOMER_EVENT, written(identify));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void fields_a_newer_producer_adds_are_accepted(String schema, Object message) {
        ObjectNode json = (ObjectNode) written(message);
        json.put("added_by_a_newer_producer", true);

        assertValid(schema, json);
    }

    // ---- what the schemas reject ----

    @ParameterizedTest
    @ValueSource(strings = {"id", "workspaceId", "type"})
    void a_customer_event_missing_a_required_field_is_rejected(String field) {
        ObjectNode json = (ObjectNode) written(orderCompleted());
        json.remove(field);

        assertThat(errors(CUSTOMER_EVENT, json)).anySatisfy(missing("", field));
    }

    @Test
    void a_message_event_without_a_channel_is_rejected_alone_and_in_its_envelope() {
        ObjectNode envelope = (ObjectNode) written(envelopeOf(bounced()));
        ((ObjectNode) envelope.get("properties")).remove("channel");

        assertThat(errors(MESSAGE_EVENT, envelope.get("properties"))).anySatisfy(missing("", "channel"));
        assertThat(errors(CUSTOMER_EVENT, envelope)).anySatisfy(missing("/properties", "channel"));
    }

    @Test
    void a_track_event_that_is_not_a_message_event_needs_no_channel() {
        assertThat(written(orderCompleted()).get("properties").has("channel")).isFalse();
        assertValid(CUSTOMER_EVENT, written(orderCompleted()));
    }

    @Test
    void an_instant_that_is_not_an_iso_8601_string_is_rejected() {
        ObjectNode epochSeconds = (ObjectNode) written(orderCompleted());
        epochSeconds.put("timestamp", AT.getEpochSecond());
        ObjectNode notADate = (ObjectNode) written(workspaceCreated());
        notADate.put("at", "2 January 2026");

        assertThat(errors(CUSTOMER_EVENT, epochSeconds)).anySatisfy(violates("/timestamp", "type"));
        assertThat(errors(WORKSPACE_CHANGED, notADate)).anySatisfy(violates("/at", "format"));
    }

    @Test
    void an_enum_value_in_its_java_spelling_is_rejected() {
        ObjectNode upperCaseType = (ObjectNode) written(orderCompleted());
        upperCaseType.put("type", "TRACK");
        ObjectNode upperCaseChange = (ObjectNode) written(entered());
        upperCaseChange.put("change", "ENTERED");
        ObjectNode upperCaseKind = (ObjectNode) written(workspaceCreated());
        upperCaseKind.put("kind", "CREATED");

        assertThat(errors(CUSTOMER_EVENT, upperCaseType)).anySatisfy(violates("/type", "enum"));
        assertThat(errors(SEGMENT_MEMBERSHIP_CHANGED, upperCaseChange)).anySatisfy(violates("/change", "enum"));
        assertThat(errors(WORKSPACE_CHANGED, upperCaseKind)).anySatisfy(violates("/kind", "enum"));
    }

    @Test
    void a_version_that_is_not_an_integer_is_rejected() {
        ObjectNode json = (ObjectNode) written(profileChanged());
        json.put("version", "7");

        assertThat(errors(PROFILE_CHANGED, json)).anySatisfy(violates("/version", "type"));
    }

    // ---- the schemas match the records ----

    @Test
    void required_fields_are_exactly_those_the_records_refuse_to_be_without() {
        assertThat(required(schemaNode(CUSTOMER_EVENT))).isEqualTo(refusedNulls(orderCompleted()))
                .containsExactly("id", "type", "workspaceId");
        assertThat(required(schemaNode(CUSTOMER_EVENT).at("/$defs/identities"))).isEqualTo(refusedNulls(orderCompleted().identities()));
        assertThat(required(schemaNode(PROFILE_CHANGED))).isEqualTo(refusedNulls(profileChanged()));
        assertThat(required(schemaNode(SEGMENT_MEMBERSHIP_CHANGED))).isEqualTo(refusedNulls(entered()));
        assertThat(required(schemaNode(WORKSPACE_CHANGED))).isEqualTo(refusedNulls(workspaceCreated()));

        // a message event's properties: what toCustomerEvent writes even when every optional field is null
        var minimal = new MessageEvent(MessageEvent.Status.sent, MessageEvent.Channel.email, null, null, null, null, null, null);
        assertThat(required(schemaNode(MESSAGE_EVENT))).isEqualTo(new TreeSet<>(envelopeOf(minimal).properties().keySet()));
    }

    @Test
    void enums_in_the_schemas_are_the_names_json_writes() {
        assertThat(enumValues(schemaNode(CUSTOMER_EVENT).at("/properties/type"))).isEqualTo(writtenNames(EventType.values()));
        assertThat(enumValues(schemaNode(SEGMENT_MEMBERSHIP_CHANGED).at("/properties/change")))
                .isEqualTo(writtenNames(SegmentMembershipChanged.Change.values()));
        assertThat(enumValues(schemaNode(WORKSPACE_CHANGED).at("/properties/kind"))).isEqualTo(writtenNames(WorkspaceChanged.Kind.values()));
        assertThat(enumValues(schemaNode(MESSAGE_EVENT).at("/properties/channel")))
                .isEqualTo(Arrays.stream(MessageEvent.Channel.values()).map(Enum::name).toList());
        assertThat(enumValues(schemaNode(MESSAGE_EVENT).at("/$defs/eventName")))
                .isEqualTo(Arrays.stream(MessageEvent.Status.values()).map(s -> s.eventName).toList());
    }

    @Test
    void every_instant_is_a_date_time_string() {
        Map<String, Record> samples = Map.of(CUSTOMER_EVENT, orderCompleted(), PROFILE_CHANGED, profileChanged(),
                SEGMENT_MEMBERSHIP_CHANGED, entered(), WORKSPACE_CHANGED, workspaceCreated());
        samples.forEach((schema, sample) -> {
            for (RecordComponent component : sample.getClass().getRecordComponents()) {
                if (component.getType() != Instant.class) continue;
                JsonNode property = schemaNode(schema).at("/properties/" + component.getName());
                assertThat(property.path("type").asText()).as(schema + " " + component.getName()).isEqualTo("string");
                assertThat(property.path("format").asText()).as(schema + " " + component.getName()).isEqualTo("date-time");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("allSchemas")
    void every_schema_is_a_valid_draft_2020_12_schema_with_an_id_title_and_a_description_of_every_field(String file) {
        JsonNode schema = schemaNode(file);

        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(ID_PREFIX + file);
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
        assertThat(undescribedProperties(schema, "")).isEmpty();
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(metaSchema.validate(schema)).isEmpty();
    }

    static Stream<String> allSchemas() {
        return ALL_SCHEMAS.stream();
    }

    // ---- helpers ----

    static JsonNode written(Object message) {
        try {
            return Json.MAPPER.readTree(Json.write(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readSchema(String file) {
        try {
            return Files.readString(SCHEMAS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schemaNode(String file) {
        try {
            return Json.MAPPER.readTree(readSchema(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Error> errors(String schemaFile, JsonNode json) {
        return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + schemaFile)).validate(json);
    }

    static void assertValid(String schemaFile, JsonNode json) {
        assertThat(errors(schemaFile, json)).as("%s against %s", json, schemaFile).isEmpty();
    }

    /** An error saying that the object at {@code location} lacks the required {@code field}. */
    static Consumer<Error> missing(String location, String field) {
        return e -> {
            assertThat(e.getKeyword()).as(e.toString()).isEqualTo("required");
            assertThat(e.getInstanceLocation().toString()).as(e.toString()).isEqualTo(location);
            assertThat(e.getProperty()).as(e.toString()).isEqualTo(field);
        };
    }

    /** An error saying that the value at {@code location} breaks the schema's {@code keyword}. */
    static Consumer<Error> violates(String location, String keyword) {
        return e -> {
            assertThat(e.getKeyword()).as(e.toString()).isEqualTo(keyword);
            assertThat(e.getInstanceLocation().toString()).as(e.toString()).isEqualTo(location);
        };
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> required(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    static List<String> enumValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(n -> values.add(n.asText()));
        return values;
    }

    static List<String> writtenNames(Enum<?>[] constants) {
        return Arrays.stream(constants).map(c -> written(c).asText()).toList();
    }

    /**
     * The components a record's constructor refuses to be null: each reference component of a complete sample is set
     * to null in turn. Primitives are never required: Json reads a missing one as 0.
     */
    static Set<String> refusedNulls(Record sample) {
        RecordComponent[] components = sample.getClass().getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Set<String> refused = new TreeSet<>();
        try {
            var constructor = sample.getClass().getDeclaredConstructor(types);
            for (int i = 0; i < components.length; i++) {
                if (types[i].isPrimitive()) continue;
                Object[] args = new Object[components.length];
                for (int j = 0; j < components.length; j++) args[j] = components[j].getAccessor().invoke(sample);
                args[i] = null;
                try {
                    constructor.newInstance(args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof NullPointerException) refused.add(components[i].getName());
                    else throw e;
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return refused;
    }

    /** Paths of the properties (under properties and $defs, at any depth) that lack a description. */
    static List<String> undescribedProperties(JsonNode schema, String path) {
        List<String> missing = new ArrayList<>();
        for (String container : List.of("properties", "$defs")) {
            JsonNode children = schema.path(container);
            children.fieldNames().forEachRemaining(name -> {
                JsonNode child = children.get(name);
                String childPath = path + "/" + container + "/" + name;
                if (child.path("description").asText().isBlank()) missing.add(childPath);
                missing.addAll(undescribedProperties(child, childPath));
            });
        }
        return missing;
    }
}
