package crm.segment.condition;

import java.util.Map;
import java.util.Objects;

/**
 * {@code in segment "Customers"}: the profile satisfies that segment's condition now. Evaluated by inlining the other
 * condition (not by reading stored memberships), so the answer never depends on which segment was evaluated first.
 */
public record InSegment(SegmentRef segment) implements Condition {

    public InSegment {
        Objects.requireNonNull(segment, "segment");
    }

    @Override
    public boolean matches(Map<String, Object> facts, Evaluation evaluation) {
        return evaluation.segments().condition(segment)
                .flatMap(c -> evaluation.deeper().map(deeper -> c.matches(facts, deeper)))
                .orElse(false);
    }
}
