package crm.segment.condition;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a condition is evaluated against besides the profile: the time, the population statistics and the other
 * segments of the workspace. The in-memory predicate and the SQL form take the same one, so they decide alike.
 */
public record Evaluation(Instant now, Population population, SegmentLookup segments, int depth) {
    /** Deeper references than this are a cycle that validation missed: they match no one rather than loop. */
    public static final int MAX_DEPTH = 16;

    public Evaluation {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(population, "population");
        Objects.requireNonNull(segments, "segments");
    }

    public Evaluation(Instant now, Population population, SegmentLookup segments) {
        this(now, population, segments, 0);
    }

    public static Evaluation at(Instant now) {
        return new Evaluation(now, Population.NONE, ref -> Optional.empty());
    }

    /** The condition of a referenced segment, and the evaluation to apply it with; empty past the depth limit. */
    Optional<Evaluation> deeper() {
        return depth >= MAX_DEPTH ? Optional.empty() : Optional.of(new Evaluation(now, population, segments, depth + 1));
    }

    /** Finds a segment's condition by reference. */
    @FunctionalInterface
    public interface SegmentLookup {
        Optional<Condition> condition(SegmentRef ref);
    }
}
