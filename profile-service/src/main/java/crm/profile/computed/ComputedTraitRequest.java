package crm.profile.computed;

import crm.profile.consent.ConsentTraits;
import crm.profile.traits.TraitNames;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/computed-traits} and {@code PUT /v1/computed-traits/{id}}, checked field by field.
 *
 * @param where      {@code {"property": "currency", "value": "EUR"}}
 * @param withinDays count and sum only, 1 to {@value #MAX_DAYS}
 */
public record ComputedTraitRequest(String name, String kind, String event, String property, Where where, Integer withinDays) {
    public static final int MAX_NAME = 64;
    public static final int MAX_TEXT = 200;
    public static final int MAX_DAYS = 3650;
    /** snake_case: lower-case words of letters and digits joined by single underscores, starting with a letter. */
    static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public record Where(String property, Object value) {
    }

    /**
     * The request from the raw JSON body, each field checked for its JSON type (so a wrong type is refused naming
     * the field, as every other refusal is).
     */
    public static ComputedTraitRequest parse(String body) {
        Object parsed;
        try {
            parsed = body == null || body.isBlank() ? null : crm.events.Json.read(body, Object.class);
        } catch (RuntimeException e) {
            throw new InvalidComputedTrait(null, "the body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> m)) throw new InvalidComputedTrait(null, "the body must be a JSON object");
        Where where = null;
        Object w = m.get("where");
        if (w != null) {
            if (!(w instanceof Map<?, ?> wm)) throw new InvalidComputedTrait("where", "where must be an object {\"property\": ..., \"value\": ...}");
            where = new Where(string(wm, "property", "where.property"), wm.get("value"));
        }
        Object days = m.get("withinDays");
        Integer withinDays = null;
        if (days != null) {
            if (!(days instanceof Integer i)) throw new InvalidComputedTrait("withinDays", "withinDays must be a whole number of days");
            withinDays = i;
        }
        return new ComputedTraitRequest(string(m, "name", "name"), string(m, "kind", "kind"), string(m, "event", "event"),
                string(m, "property", "property"), where, withinDays);
    }

    private static String string(Map<?, ?> m, String key, String field) {
        Object v = m.get(key);
        if (v == null) return null;
        if (!(v instanceof String str)) throw new InvalidComputedTrait(field, field + " must be a string");
        return str;
    }

    /** The trait's name, checked: snake_case, not a built-in trait's. */
    public String validName() {
        if (name == null || name.isBlank()) throw new InvalidComputedTrait("name", "name is required");
        String n = name.trim();
        if (n.length() > MAX_NAME) throw new InvalidComputedTrait("name", "name must be at most " + MAX_NAME + " characters");
        if (!SNAKE_CASE.matcher(n).matches()) {
            throw new InvalidComputedTrait("name", "name must be snake_case (lower-case letters, digits and single underscores, "
                    + "starting with a letter), e.g. " + suggestion(n));
        }
        if (TraitNames.isBuiltIn(n) || ConsentTraits.isConsentTrait(n)) {
            throw new InvalidComputedTrait("name", "name " + n + " is a built-in trait; choose another name");
        }
        return n;
    }

    /** The definition, checked. */
    public ComputedTrait.Definition definition() {
        if (kind == null || kind.isBlank()) throw new InvalidComputedTrait("kind", "kind is required: count, sum or last");
        ComputedTrait.Kind k;
        try {
            k = ComputedTrait.Kind.valueOf(kind.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidComputedTrait("kind", "kind must be count, sum or last");
        }
        String e = text(event, "event", true);
        String p = text(property, "property", k != ComputedTrait.Kind.count);
        if (k == ComputedTrait.Kind.count && p != null) {
            throw new InvalidComputedTrait("property", "property is for sum and last; filter a count with where");
        }
        ComputedTrait.Filter filter = null;
        if (where != null) {
            String wp = text(where.property(), "where.property", true);
            Object v = where.value();
            if (v == null) throw new InvalidComputedTrait("where.value", "where.value is required");
            if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
                throw new InvalidComputedTrait("where.value", "where.value must be a string, number or boolean");
            }
            filter = new ComputedTrait.Filter(wp, v);
        }
        if (withinDays != null) {
            if (k == ComputedTrait.Kind.last) throw new InvalidComputedTrait("withinDays", "withinDays is for count and sum");
            if (withinDays < 1 || withinDays > MAX_DAYS) {
                throw new InvalidComputedTrait("withinDays", "withinDays must be between 1 and " + MAX_DAYS);
            }
        }
        return new ComputedTrait.Definition(k, e, p, filter, withinDays);
    }

    private static String text(String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) throw new InvalidComputedTrait(field, field + " is required");
            return null;
        }
        String t = value.trim();
        if (t.length() > MAX_TEXT) throw new InvalidComputedTrait(field, field + " must be at most " + MAX_TEXT + " characters");
        return t;
    }

    private static String suggestion(String name) {
        String s = TraitNames.snakeCase(name);
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "orders_last_90d" : s;
    }
}
