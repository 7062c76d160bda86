package crm.segment.condition;

import crm.events.Json;
import crm.segment.definition.Presets;
import crm.testing.Ports;
import crm.testing.Postgres;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.flywaydb.core.Flyway;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory predicate and the SQL form decide alike: random profiles (typed, mistyped, missing and custom traits,
 * dates on the edges of relative times) are stored in the real profile_projection of a real PostgreSQL (migrated by
 * the service's own Flyway scripts), random conditions (every node kind, nested, with statistics and references to
 * other segments) are evaluated both ways with the same evaluation, and the matching profile sets must be equal.
 */
class PredicateAndSqlAgreementTest {
    static final Instant NOW = Instant.parse("2025-05-31T12:00:00.123Z");
    static final List<String> NUMBERS = List.of("orders_count", "total_spent", "average_basket", "engagement_score", "nps");
    static final List<String> DATES = List.of("signup_date", "last_order_date", "lost_checkout_date");
    static final List<String> TEXTS = List.of("email", "country");
    static final List<String> VALUES = List.of("-1", "0", "1", "1.5", "2", "3", "40", "60", "100", "1000.25", "0.0000001");
    static final List<String> STRINGS = List.of("", "a", "Z", "ab", "é", "e\u0301", "\uD83D\uDE00", "\uFFFD", "a@gmail.com", "A@gmail.com", "FR");
    static final List<Duration> OFFSETS = List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofHours(2), Duration.ofDays(15),
            Duration.ofDays(15).plusMillis(1), Duration.ofDays(30), Duration.ofDays(60), Duration.ofDays(92), Duration.ofDays(120),
            Duration.ofDays(400));
    static final Map<String, Condition> OTHER_SEGMENTS = Map.of(
            "Customers", Condition.parse("orders_count >= 1"),
            "Recent", Condition.parse("last_order_date > now - 30d"),
            "Fans", Condition.parse("orders_count >= 1 and engagement_score in top 10%"),
            "Nested", Condition.parse("in segment \"Customers\" and not (in segment \"Recent\")"),
            "Loop", Condition.parse("in segment \"Loop\" or b2b = true"));

    static Postgres postgres;
    static Connection connection;

    @BeforeContainer
    static void startDatabase() throws SQLException {
        postgres = Postgres.start(Ports.free(), null);
        postgres.createDatabase("segment_properties");
        String url = postgres.jdbcUrl("segment_properties");
        Flyway.configure().dataSource(url, Postgres.USER, Postgres.PASSWORD).load().migrate();
        connection = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD);
    }

    @AfterContainer
    static void stopDatabase() throws SQLException {
        if (connection != null) connection.close();
        if (postgres != null) postgres.close();
    }

    @Property(tries = 400)
    void the_predicate_and_the_sql_select_the_same_profiles(@ForAll("profiles") List<Map<String, Object>> profiles,
                                                           @ForAll("conditions") Condition condition,
                                                           @ForAll("populations") Population population) throws SQLException {
        Evaluation evaluation = new Evaluation(NOW, population,
                ref -> ref.kind() == SegmentRef.Kind.NAME ? Optional.ofNullable(OTHER_SEGMENTS.get(ref.value())) : Optional.empty());
        assertThat(selectedBySql(profiles, condition, evaluation)).as(condition.toText())
                .isEqualTo(selectedInMemory(profiles, condition, evaluation));
    }

    @Property(tries = 60)
    void every_preset_agrees_too(@ForAll("profiles") List<Map<String, Object>> profiles, @ForAll("populations") Population population)
            throws SQLException {
        var presets = new crm.segment.definition.WorkspaceSegments(Presets.of("ws"));
        Evaluation evaluation = new Evaluation(NOW, population, presets.lookup());
        for (var preset : presets.all()) {
            assertThat(selectedBySql(profiles, preset.condition(), evaluation)).as(preset.name())
                    .isEqualTo(selectedInMemory(profiles, preset.condition(), evaluation));
        }
    }

    private static Set<String> selectedInMemory(List<Map<String, Object>> profiles, Condition condition, Evaluation evaluation) {
        Set<String> selected = new TreeSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            if (condition.matches(Facts.of(profiles.get(i)), evaluation)) selected.add("p" + i);
        }
        return selected;
    }

    private static Set<String> selectedBySql(List<Map<String, Object>> profiles, Condition condition, Evaluation evaluation) throws SQLException {
        String workspace = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into profile_projection (workspace_id, profile_id, version, traits, facts) values (?, ?, 1, ?::jsonb, ?::jsonb)")) {
            for (int i = 0; i < profiles.size(); i++) {
                insert.setString(1, workspace);
                insert.setString(2, "p" + i);
                insert.setString(3, Json.write(profiles.get(i)));
                insert.setString(4, Json.write(Facts.of(profiles.get(i))));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        ConditionSql.Compiled sql = ConditionSql.compile(condition, evaluation, "p.facts");
        Set<String> selected = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select p.profile_id from profile_projection p where p.workspace_id = ? and " + sql.sql())) {
            select.setString(1, workspace);
            int i = 2;
            for (Object parameter : sql.parameters()) {
                if (parameter instanceof BigDecimal d) select.setBigDecimal(i++, d);
                else if (parameter instanceof String s) select.setString(i++, s);
                else select.setBoolean(i++, (Boolean) parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) selected.add(rs.getString(1));
            }
        }
        return selected;
    }

    // --- profiles ---

    @Provide
    Arbitrary<List<Map<String, Object>>> profiles() {
        return profile().list().ofMinSize(1).ofMaxSize(8);
    }

    private Arbitrary<Map<String, Object>> profile() {
        List<Arbitrary<Map.Entry<String, Object>>> entries = new ArrayList<>();
        NUMBERS.forEach(t -> entries.add(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, number().map(v -> (Object) v)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("7", "x").map(v -> (Object) v))).map(v -> Map.entry(t, v))));
        DATES.forEach(t -> entries.add(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, date().map(v -> (Object) v)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("soon", "2025-05-31").map(v -> (Object) v))).map(v -> Map.entry(t, v))));
        TEXTS.forEach(t -> entries.add(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(STRINGS).map(v -> (Object) v)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(1, 2).map(v -> (Object) v))).map(v -> Map.entry(t, v))));
        entries.add(Arbitraries.of(true, false).map(v -> Map.entry("b2b", (Object) v)));
        entries.add(Arbitraries.oneOf(number().map(v -> (Object) v), Arbitraries.of(STRINGS).map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v)).map(v -> Map.entry("quiz", v)));
        // each trait present with probability 3/4
        List<Arbitrary<Optional<Map.Entry<String, Object>>>> maybe = entries.stream()
                .map(e -> Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, e.map(Optional::of)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Optional.<Map.Entry<String, Object>>empty()))))
                .toList();
        return Combinators.combine(maybe).as(list -> {
            Map<String, Object> traits = new LinkedHashMap<>();
            list.forEach(o -> o.ifPresent(e -> traits.put(e.getKey(), e.getValue())));
            return traits;
        });
    }

    private Arbitrary<BigDecimal> number() {
        return Arbitraries.oneOf(Arbitraries.of(VALUES).map(BigDecimal::new),
                Arbitraries.bigDecimals().between(new BigDecimal("-100"), new BigDecimal("2000")).ofScale(2));
    }

    /** Dates on and around the edges of the relative times the conditions use. */
    private Arbitrary<String> date() {
        return Combinators.combine(Arbitraries.of(OFFSETS), Arbitraries.of(-1, 1), Arbitraries.of(Duration.ZERO, Duration.ofMillis(1)))
                .as((offset, sign, nudge) -> (sign < 0 ? NOW.minus(offset).minus(nudge) : NOW.plus(offset).plus(nudge)).toString());
    }

    // --- conditions ---

    @Provide
    Arbitrary<Condition> conditions() {
        return condition(3);
    }

    private Arbitrary<Condition> condition(int depth) {
        if (depth == 0) return leaf();
        Arbitrary<Condition> smaller = Arbitraries.lazy(() -> condition(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, leaf()),
                net.jqwik.api.Tuple.of(2, smaller.list().ofMinSize(2).ofMaxSize(3).map(l -> (Condition) new And(l))),
                net.jqwik.api.Tuple.of(2, smaller.list().ofMinSize(2).ofMaxSize(3).map(l -> (Condition) new Or(l))),
                net.jqwik.api.Tuple.of(2, smaller.map(c -> (Condition) new Not(c))));
    }

    private Arbitrary<Condition> leaf() {
        Arbitrary<Operator> ops = Arbitraries.of(Operator.class);
        Arbitrary<Condition> numeric = Combinators.combine(Arbitraries.of(union(NUMBERS, List.of("rfm_recency", "rfm_frequency", "rfm_monetary"))),
                ops, number()).as((t, op, v) -> new Comparison(t, op, new Literal.Number(v)));
        Arbitrary<Condition> dates = Combinators.combine(Arbitraries.of(DATES), ops, relative())
                .as((t, op, v) -> new Comparison(t, op, v));
        Arbitrary<Condition> texts = Combinators.combine(Arbitraries.of(TEXTS), ops, Arbitraries.of(STRINGS))
                .as((t, op, v) -> new Comparison(t, op, new Literal.Text(v)));
        Arbitrary<Condition> bools = Combinators.combine(Arbitraries.of(Operator.EQ, Operator.NE), Arbitraries.of(true, false))
                .as((op, v) -> new Comparison("b2b", op, new Literal.Bool(v)));
        Arbitrary<Condition> custom = Combinators.combine(ops, Arbitraries.oneOf(number().map(Literal.Number::new),
                        Arbitraries.of(STRINGS).map(Literal.Text::new)))
                .as((op, v) -> new Comparison("custom.quiz", op, v));
        Arbitrary<Condition> customBool = Arbitraries.of(true, false).map(v -> new Comparison("custom.quiz", Operator.EQ, new Literal.Bool(v)));
        Arbitrary<Condition> lists = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(NUMBERS), number().map(v -> (Literal) new Literal.Number(v)).list().ofMinSize(1).ofMaxSize(3))
                        .as(InList::new),
                Combinators.combine(Arbitraries.of(union(TEXTS, List.of("custom.quiz"))),
                                Arbitraries.of(STRINGS).map(v -> (Literal) new Literal.Text(v)).list().ofMinSize(1).ofMaxSize(3))
                        .as(InList::new));
        Arbitrary<Condition> contains = Combinators.combine(Arbitraries.of(union(TEXTS, List.of("custom.quiz"))), Arbitraries.of(STRINGS))
                .as(Contains::new);
        Arbitrary<Condition> exists = Arbitraries.of(union(union(NUMBERS, DATES), union(TEXTS, List.of("b2b", "custom.quiz", "rfm_monetary"))))
                .map(Exists::new);
        Arbitrary<Condition> within = Combinators.combine(Arbitraries.of(DATES), Arbitraries.of(1L, 2L, 15L, 30L),
                Arbitraries.of(SpanUnit.class)).as(Within::new);
        Arbitrary<Condition> top = Combinators.combine(Arbitraries.of("engagement_score", "total_spent"), Arbitraries.of("10", "50"))
                .as((t, p) -> new Top(t, new BigDecimal(p)));
        Arbitrary<Condition> ratio = Combinators.combine(ops, Arbitraries.of("1", "1.5"))
                .as((op, f) -> new Comparison("average_basket", op, new Literal.AverageTimes(new BigDecimal(f), "average_basket")));
        Arbitrary<Condition> segment = Arbitraries.of("Customers", "Recent", "Fans", "Nested", "Loop", "Missing")
                .map(n -> new InSegment(new SegmentRef(SegmentRef.Kind.NAME, n)));
        return Arbitraries.oneOf(numeric, dates, texts, bools, custom, customBool, lists, contains, exists, within, top, ratio, segment);
    }

    private Arbitrary<Literal> relative() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(0L, -1L, -2L, -15L, -30L, -3L, 1L), Arbitraries.of(SpanUnit.class)).as(Literal.Now::new),
                date().map(d -> new Literal.Time(Instant.parse(d))));
    }

    @Provide
    Arbitrary<Population> populations() {
        Arbitrary<Map<String, Population.Top>> tops = Combinators.combine(number(), number()).as((a, b) -> {
            Map<String, Population.Top> m = new HashMap<>();
            m.put(Population.topKey("engagement_score", BigDecimal.TEN), new Population.Top(a));
            m.put(Population.topKey("total_spent", new BigDecimal("50")), new Population.Top(b));
            m.put(Population.topKey("total_spent", BigDecimal.TEN), new Population.Top(a.max(b)));
            return m;
        });
        Arbitrary<Map<String, BigDecimal>> averages = number().map(v -> Map.of("average_basket", v));
        Arbitrary<List<BigDecimal>> boundaries = number().list().ofSize(4).map(l -> l.stream().sorted().collect(Collectors.toList()));
        Arbitrary<List<BigDecimal>> recency = date().list().ofSize(4)
                .map(l -> l.stream().map(d -> BigDecimal.valueOf(Instant.parse(d).toEpochMilli())).sorted().collect(Collectors.toList()));
        Arbitrary<Map<String, List<BigDecimal>>> rfm = Combinators.combine(recency, boundaries, boundaries)
                .as((r, f, m) -> Map.of("rfm_recency", r, "rfm_frequency", f, "rfm_monetary", m));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Population.NONE)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(tops, averages, rfm).as(Population::new)));
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
