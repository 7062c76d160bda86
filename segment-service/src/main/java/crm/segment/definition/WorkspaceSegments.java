package crm.segment.definition;

import crm.segment.condition.Condition;
import crm.segment.condition.ConditionShape;
import crm.segment.condition.Evaluation;
import crm.segment.condition.SegmentRef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The segments of one workspace, as conditions see each other: references resolve by name (case-insensitive, names
 * are unique), preset key or id; what reads the clock or the statistics is known through references too.
 */
public final class WorkspaceSegments {
    private final List<Segment> all;

    public WorkspaceSegments(List<Segment> all) {
        this.all = List.copyOf(all);
    }

    public List<Segment> all() {
        return all;
    }

    public Optional<Segment> resolve(SegmentRef ref) {
        return all.stream().filter(s -> switch (ref.kind()) {
            case NAME -> s.name().toLowerCase(Locale.ROOT).equals(ref.value().toLowerCase(Locale.ROOT));
            case KEY -> ref.value().equals(s.presetKey());
            case ID -> ref.value().equals(s.id());
        }).findFirst();
    }

    public Optional<Segment> byId(String id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Evaluation.SegmentLookup lookup() {
        return ref -> resolve(ref).map(Segment::condition);
    }

    /** The same set with {@code candidate} added, or replacing the segment of the same id. */
    public WorkspaceSegments with(Segment candidate) {
        List<Segment> next = new ArrayList<>();
        boolean replaced = false;
        for (Segment s : all) {
            if (s.id().equals(candidate.id())) {
                next.add(candidate);
                replaced = true;
            } else {
                next.add(s);
            }
        }
        if (!replaced) next.add(candidate);
        return new WorkspaceSegments(next);
    }

    /** Segments whose verdict can change because time passed, directly or through a segment they reference. */
    public List<Segment> readingTheClock() {
        return closure(ConditionShape::readsClock);
    }

    /** Segments whose verdict depends on population statistics, directly or through references. */
    public List<Segment> readingStatistics() {
        return closure(ConditionShape::readsStatistics);
    }

    /** The segment and every segment that references it, directly or not: what to recompute when it changes. */
    public List<Segment> dependentsOf(String segmentId) {
        return all.stream().filter(s -> reaches(s, t -> t.id().equals(segmentId), new HashSet<>())).toList();
    }

    /** Whether following references from {@code start} comes back to {@code target} (a cycle through the target). */
    public boolean referencesReach(Segment start, String targetId) {
        return reaches(start, s -> s.id().equals(targetId), new HashSet<>());
    }

    private List<Segment> closure(Predicate<Condition> direct) {
        return all.stream().filter(s -> reaches(s, t -> direct.test(t.condition()), new HashSet<>())).toList();
    }

    private boolean reaches(Segment from, Predicate<Segment> goal, Set<String> seen) {
        if (!seen.add(from.id())) return false;
        if (goal.test(from)) return true;
        for (SegmentRef ref : ConditionShape.references(from.condition())) {
            Optional<Segment> next = resolve(ref);
            if (next.isPresent() && reaches(next.get(), goal, seen)) return true;
        }
        return false;
    }
}
