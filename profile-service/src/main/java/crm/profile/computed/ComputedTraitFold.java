package crm.profile.computed;

import crm.events.CustomerEvent;
import crm.events.EventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds events into the values of a workspace's computed traits, and reads them at a given "now". Pure. Called by
 * the profile fold ({@code crm.profile.traits.TraitFold}) for every event, in time order, so merges and late events
 * (which replay the timeline) and backfills (which replay it with the new definitions) give the same values.
 */
public final class ComputedTraitFold {
    private ComputedTraitFold() {
    }

    /**
     * True when every definition has a value folded under its current revision: only then may one more event be
     * folded incrementally; otherwise the timeline is replayed.
     */
    public static boolean upToDate(Map<String, ComputedValue> values, List<ComputedTrait> definitions) {
        for (ComputedTrait t : definitions) {
            ComputedValue v = values.get(t.key());
            if (v == null || v.revision != t.revision()) return false;
        }
        return true;
    }

    /**
     * Folds one event (at its time {@code at}; {@code latest} is the latest event time folded so far, which bounds
     * the day buckets worth keeping). Values of deleted definitions are dropped; a definition without a value starts
     * from nothing, which is right only when folding the timeline from its start (see {@link #upToDate}).
     */
    public static void apply(Map<String, ComputedValue> values, List<ComputedTrait> definitions, CustomerEvent e, Instant at,
                             Instant latest) {
        Set<String> keys = new HashSet<>();
        for (ComputedTrait t : definitions) keys.add(t.key());
        values.keySet().retainAll(keys);
        for (ComputedTrait t : definitions) {
            ComputedValue v = values.computeIfAbsent(t.key(), k -> fresh(t));
            if (v.revision != t.revision()) continue;
            if (matches(t.definition(), e)) fold(t.definition(), v, e, at);
            prune(v, latest);
        }
    }

    static ComputedValue fresh(ComputedTrait t) {
        ComputedValue v = new ComputedValue();
        v.revision = t.revision();
        v.withinDays = t.definition().kind() == ComputedTrait.Kind.last ? null : t.definition().withinDays();
        return v;
    }

    static boolean matches(ComputedTrait.Definition d, CustomerEvent e) {
        // Track events by name; page and screen calls by their page name.
        if (e.type() != EventType.TRACK && e.type() != EventType.PAGE && e.type() != EventType.SCREEN) return false;
        if (!d.event().equals(e.name())) return false;
        if (d.where() == null) return true;
        return sameValue(property(e.properties(), d.where().property()).orElse(null), d.where().value());
    }

    private static void fold(ComputedTrait.Definition d, ComputedValue v, CustomerEvent e, Instant at) {
        switch (d.kind()) {
            case count -> add(v, BigDecimal.ONE, at);
            case sum -> property(e.properties(), d.property()).flatMap(ComputedTraitFold::decimal).ifPresent(n -> add(v, n, at));
            case last -> property(e.properties(), d.property()).filter(p -> !isEmpty(p)).ifPresent(p -> {
                // Folded in time order: the event folded last is the latest.
                v.last = p;
                v.lastAt = at;
            });
        }
    }

    private static void add(ComputedValue v, BigDecimal amount, Instant at) {
        v.total = v.total.add(amount);
        if (v.isWindowed()) v.days.merge(day(at), amount, BigDecimal::add);
    }

    /** Buckets that cannot be in the window of any "now" at or after the latest event are dropped. */
    private static void prune(ComputedValue v, Instant latest) {
        if (!v.isWindowed() || latest == null || v.days.isEmpty()) return;
        String oldest = LocalDate.ofInstant(latest, ZoneOffset.UTC).minusDays(v.withinDays).toString();
        v.days.headMap(oldest, false).clear();
    }

    /**
     * Writes the value of every definition into the traits at {@code now}, under its name. A value folded under an
     * older revision (a backfill is on its way) keeps what was published before rather than a wrong figure.
     */
    public static void addTo(Map<String, Object> traits, List<ComputedTrait> definitions, Map<String, ComputedValue> values,
                             Map<String, Object> previous, Instant now) {
        for (ComputedTrait t : definitions) {
            ComputedValue v = values.get(t.key());
            Object value = v == null || v.revision != t.revision() ? previous.get(t.name()) : value(t.definition(), v, now);
            if (value == null) traits.remove(t.name());
            else traits.put(t.name(), value);
        }
    }

    /** The value at {@code now}: counts as whole numbers, sums as exact decimals, the last value as it was sent. */
    static Object value(ComputedTrait.Definition d, ComputedValue v, Instant now) {
        if (d.kind() == ComputedTrait.Kind.last) return v.last;
        BigDecimal n = v.isWindowed() ? window(v, now) : v.total;
        return number(n);
    }

    private static BigDecimal window(ComputedValue v, Instant now) {
        String from = firstDay(v.withinDays, now).toString();
        String to = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        return v.days.subMap(from, true, to, true).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** When a windowed value next falls: the start of the day its oldest bucket in the window leaves it. */
    public static Optional<Instant> nextDecay(Collection<ComputedValue> values, Instant now) {
        Optional<Instant> next = Optional.empty();
        for (ComputedValue v : values) {
            if (!v.isWindowed()) continue;
            String from = firstDay(v.withinDays, now).toString();
            Optional<Instant> falls = v.days.tailMap(from, true).entrySet().stream()
                    .filter(e -> e.getValue().signum() != 0)
                    .findFirst()
                    .map(e -> LocalDate.parse(e.getKey()).plusDays(v.withinDays).atStartOfDay(ZoneOffset.UTC).toInstant());
            if (falls.isPresent() && (next.isEmpty() || falls.get().isBefore(next.get()))) next = falls;
        }
        return next;
    }

    private static LocalDate firstDay(int withinDays, Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(withinDays - 1L);
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** The property at {@code path}: the key itself, else a dotted path into nested objects ("product.category"). */
    static Optional<Object> property(Map<String, Object> properties, String path) {
        if (properties.containsKey(path)) return Optional.ofNullable(properties.get(path));
        Object current = properties;
        for (String part : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> m)) return Optional.empty();
            current = m.get(part);
        }
        return Optional.ofNullable(current);
    }

    /** Numbers compare as numbers (5 equals "5.0"), booleans as booleans ("true" equals true), the rest as text. */
    static boolean sameValue(Object actual, Object expected) {
        if (actual == null || expected == null) return actual == expected;
        if (expected instanceof Number) {
            Optional<BigDecimal> a = decimal(actual);
            Optional<BigDecimal> b = decimal(expected);
            return a.isPresent() && b.isPresent() && a.get().compareTo(b.get()) == 0;
        }
        if (expected instanceof Boolean b) {
            return actual instanceof Boolean a ? a.equals(b) : actual.toString().trim().equalsIgnoreCase(b.toString());
        }
        return actual.toString().equals(expected.toString());
    }

    static Optional<BigDecimal> decimal(Object value) {
        return crm.profile.traits.OrderAmount.decimal(value);
    }

    private static boolean isEmpty(Object value) {
        return (value instanceof String s && s.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    /** Whole numbers as integers (3, not 3.0), others as plain decimals. */
    static Number number(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() < 19) return stripped.longValueExact();
        return new BigDecimal(stripped.toPlainString());
    }
}
