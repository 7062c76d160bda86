package crm.profile.computed;

import java.util.Objects;
import java.util.UUID;

/**
 * A custom computed trait of a workspace: its name in the published traits and how it is computed from the profile's
 * events. {@code revision} grows with every edit, so a value folded under an older definition is known to be stale.
 */
public record ComputedTrait(UUID id, String name, Definition definition, int revision) {

    public ComputedTrait {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    /** How the value is computed. */
    public enum Kind {
        /** How many events named {@code event} (matching {@code where}), all time or within the last N days. */
        count,
        /** The sum of the numeric property {@code property} of those events, all time or within the last N days. */
        sum,
        /** The latest non-empty value of {@code property} among those events. */
        last
    }

    /** Only events whose {@code property} equals {@code value} count (numbers compared as numbers). */
    public record Filter(String property, Object value) {
    }

    /**
     * @param event      the track event name ("Order Completed")
     * @param property   the event property summed or kept (sum, last); a dotted path reaches into nested objects
     * @param where      optional filter
     * @param withinDays count and sum: only the events of the last N UTC days (today included); null: all time
     */
    public record Definition(Kind kind, String event, String property, Filter where, Integer withinDays) {
    }

    public String key() {
        return id.toString();
    }
}
