package crm.segment.condition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a condition depends on besides the profile itself, so sweeps and statistics touch only what they must. */
public final class ConditionShape {
    private ConditionShape() {
    }

    /** Whether the verdict can change only because time passed (relative times, windows). */
    public static boolean readsClock(Condition condition) {
        return nodes(condition).stream().anyMatch(n -> n instanceof Within
                || (n instanceof Comparison c && c.literal() instanceof Literal.Now));
    }

    /** Whether the verdict depends on population statistics (percentiles, averages, RFM scores). */
    public static boolean readsStatistics(Condition condition) {
        return nodes(condition).stream().anyMatch(n -> n instanceof Top
                || (n instanceof Comparison c && (c.literal() instanceof Literal.AverageTimes || TraitCatalogue.isScore(c.trait())))
                || (n instanceof InList l && TraitCatalogue.isScore(l.trait()))
                || (n instanceof Exists e && TraitCatalogue.isScore(e.trait())));
    }

    /** The other segments it names. */
    public static Set<SegmentRef> references(Condition condition) {
        Set<SegmentRef> refs = new LinkedHashSet<>();
        nodes(condition).forEach(n -> {
            if (n instanceof InSegment s) refs.add(s.segment());
        });
        return refs;
    }

    /** Percentile thresholds it needs, as (trait, percent) pairs. */
    public static Set<Top> tops(Condition condition) {
        Set<Top> tops = new LinkedHashSet<>();
        nodes(condition).forEach(n -> {
            if (n instanceof Top t) tops.add(t);
        });
        return tops;
    }

    /** Traits whose workspace average it needs. */
    public static Set<String> averages(Condition condition) {
        Set<String> traits = new LinkedHashSet<>();
        nodes(condition).forEach(n -> {
            if (n instanceof Comparison c && c.literal() instanceof Literal.AverageTimes a) traits.add(a.trait());
        });
        return traits;
    }

    /** Every node, depth first (segment references are not followed). */
    public static List<Condition> nodes(Condition condition) {
        List<Condition> all = new java.util.ArrayList<>();
        collect(condition, all);
        return all;
    }

    private static void collect(Condition condition, List<Condition> all) {
        all.add(condition);
        if (condition instanceof And a) a.operands().forEach(c -> collect(c, all));
        else if (condition instanceof Or o) o.operands().forEach(c -> collect(c, all));
        else if (condition instanceof Not n) collect(n.operand(), all);
    }
}
