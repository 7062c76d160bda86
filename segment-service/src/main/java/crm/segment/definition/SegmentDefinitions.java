package crm.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import crm.segment.condition.Condition;
import crm.segment.condition.ConditionJson;
import crm.segment.condition.ConditionParser;
import crm.segment.condition.ConditionShape;
import crm.segment.condition.SegmentRef;
import crm.segment.backfill.BackfillRepository;
import crm.segment.backfill.Backfills;
import crm.segment.membership.SegmentReconciler;
import crm.segment.membership.WorkspaceLock;
import crm.segment.outbox.OutboxPublisher;
import crm.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating, changing and deleting segments. A new or changed segment gets a backfill job in the same transaction: it
 * runs in the background ({@link Backfills}) over every profile of the workspace (with the SQL form), together with the
 * segments that reference it, and publishes the entries and exits. Deleting a segment publishes an exit for each member.
 */
@ApplicationScoped
public class SegmentDefinitions {
    private static final Logger LOG = Logger.getLogger(SegmentDefinitions.class);
    static final int MAX_NAME = 200;

    @Inject
    SegmentRepository segments;
    @Inject
    SegmentReconciler reconciler;
    @Inject
    BackfillRepository backfills;
    @Inject
    WorkspaceLock lock;
    @Inject
    OutboxPublisher publisher;
    @Inject
    InstantSource clock;

    /**
     * Reads a condition given as text or as the JSON AST (exactly one), validated against the trait catalogue and the
     * workspace's segments. {@code candidateId} is the segment being defined (null for none), for cycle detection.
     */
    public Condition read(String workspaceId, String candidateId, String candidateName, String text, JsonNode ast) {
        boolean hasText = text != null;
        boolean hasAst = ast != null && !ast.isNull();
        if (hasText == hasAst) {
            throw ProblemException.badRequest("give the condition either as text (condition) or as JSON (ast), exactly one", "condition");
        }
        WorkspaceSegments all = segments.workspace(workspaceId);
        ConditionParser.SegmentCheck check = ref -> checkReference(all, candidateId, candidateName, ref);
        return hasText ? ConditionParser.parse(text, check) : ConditionJson.read(ast, check);
    }

    private static void checkReference(WorkspaceSegments all, String candidateId, String candidateName, SegmentRef ref) {
        boolean self = switch (ref.kind()) {
            case NAME -> candidateName != null && candidateName.toLowerCase(Locale.ROOT).equals(ref.value().toLowerCase(Locale.ROOT));
            case ID -> ref.value().equals(candidateId);
            case KEY -> candidateId != null && all.byId(candidateId).map(s -> ref.value().equals(s.presetKey())).orElse(false);
        };
        if (self) throw new IllegalArgumentException("a segment cannot be defined by its own membership");
        Segment target = all.resolve(ref).filter(s -> !s.id().equals(candidateId))
                .orElseThrow(() -> new IllegalArgumentException("no " + ref.describe() + " in this workspace"));
        if (candidateId != null && all.referencesReach(target, candidateId)) {
            throw new IllegalArgumentException(ref.describe() + " refers back to this segment: that would be a cycle");
        }
    }

    @Transactional
    public SegmentRepository.Stored create(String workspaceId, String name, String text, JsonNode ast) {
        String checkedName = name(name);
        String id = UUID.randomUUID().toString();
        Condition condition = read(workspaceId, id, checkedName, text, ast);
        Segment segment = new Segment(id, workspaceId, null, checkedName, condition);
        Instant now = clock.instant();
        if (!segments.insert(segment, now)) throw nameTaken(checkedName);
        backfills.request(workspaceId, id, now);
        return segments.find(workspaceId, id).orElseThrow();
    }

    @Transactional
    public Optional<SegmentRepository.Stored> update(String workspaceId, String id, String name, String text, JsonNode ast) {
        WorkspaceSegments all = segments.workspace(workspaceId);
        Optional<SegmentRepository.Stored> existing = segments.find(workspaceId, id);
        if (existing.isEmpty()) return Optional.empty();
        String checkedName = name(name);
        Condition condition = read(workspaceId, id, checkedName, text, ast);
        refuseRenameWhileReferenced(all, existing.get().segment(), checkedName);
        Segment segment = new Segment(id, workspaceId, existing.get().segment().presetKey(), checkedName, condition);
        Instant now = clock.instant();
        switch (segments.update(segment, now)) {
            case NOT_FOUND:
                return Optional.empty();
            case NAME_TAKEN:
                throw nameTaken(checkedName);
            default:
                break;
        }
        // One job: it reconciles this segment and every segment that references it.
        backfills.request(workspaceId, id, now);
        return segments.find(workspaceId, id);
    }

    /** Conditions reference segments by name: renaming one that is referenced so would silently empty the others. */
    private static void refuseRenameWhileReferenced(WorkspaceSegments all, Segment before, String newName) {
        if (before.name().toLowerCase(Locale.ROOT).equals(newName.toLowerCase(Locale.ROOT))) return;
        List<String> referrers = all.all().stream()
                .filter(s -> !s.id().equals(before.id()))
                .filter(s -> ConditionShape.references(s.condition()).stream().anyMatch(r -> r.kind() == SegmentRef.Kind.NAME
                        && r.value().toLowerCase(Locale.ROOT).equals(before.name().toLowerCase(Locale.ROOT))))
                .map(Segment::name).toList();
        if (!referrers.isEmpty()) {
            throw new ProblemException(Response.Status.CONFLICT, "segment \"" + before.name() + "\" is referenced by name by "
                    + String.join(", ", referrers) + "; change those first (or reference it by id)", "name");
        }
    }

    /**
     * Deletes the segment; every member gets an exit (reason "segment deleted") so journeys and other consumers do
     * not keep people in a list that is gone.
     *
     * @return false when there is no such segment; refused (409) while other segments reference it
     */
    public boolean delete(String workspaceId, String id) {
        int exits = deleteAndExit(workspaceId, id);
        if (exits < 0) return false;
        if (exits > 0) publish(id);
        return true;
    }

    /** @return the exits written, -1 when there is no such segment */
    @Transactional
    int deleteAndExit(String workspaceId, String id) {
        lock.lock(workspaceId);
        WorkspaceSegments all = segments.workspace(workspaceId);
        Optional<Segment> segment = all.byId(id);
        if (segment.isEmpty()) {
            // A stored condition that no longer reads is skipped by the workspace's list, but can still be deleted.
            return segments.exists(workspaceId, id) && segments.delete(workspaceId, id) ? 0 : -1;
        }
        List<String> referrers = all.dependentsOf(id).stream().filter(s -> !s.id().equals(id)).map(Segment::name).toList();
        if (!referrers.isEmpty()) {
            throw new ProblemException(Response.Status.CONFLICT, "segment " + id + " is referenced by " + String.join(", ", referrers)
                    + "; change those first", "id");
        }
        int exits = reconciler.exitAll(segment.get(), SegmentReconciler.SEGMENT_DELETED);
        segments.delete(workspaceId, id);
        return exits;
    }

    private void publish(String segmentId) {
        try {
            int published;
            do {
                published = publisher.publishPending();
            } while (published == publisher.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("exits of deleted segment %s left for the relay: %s", segmentId, e.toString());
        }
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) throw ProblemException.badRequest("name is required", "name");
        String trimmed = name.trim();
        if (trimmed.length() > MAX_NAME) throw ProblemException.badRequest("name is longer than " + MAX_NAME + " characters", "name");
        return trimmed;
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(Response.Status.CONFLICT, "this workspace already has a segment named \"" + name + "\"", "name");
    }
}
