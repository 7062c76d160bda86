package crm.profile.computed;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.TreeMap;

/**
 * What the fold of a profile's events accumulates for one computed trait (stored in the profile's fold state). It
 * carries the revision and window of the definition it was folded with, so a stale value is recognised and the
 * decay pass needs nothing but the state.
 */
public final class ComputedValue {
    public int revision;
    /** Count and sum: the window in days, null for all time. */
    public Integer withinDays;
    /** All-time total: the count, or the sum. */
    public BigDecimal total = BigDecimal.ZERO;
    /** Windowed count and sum: the total per UTC day (ISO date), only days that can still be in a window. */
    public TreeMap<String, BigDecimal> days = new TreeMap<>();
    /** Last: the latest non-empty value and the time of its event. */
    public Object last;
    public Instant lastAt;

    @JsonIgnore
    public boolean isWindowed() {
        return withinDays != null;
    }
}
