package crm.segment.statistics;

import crm.segment.condition.ConditionShape;
import crm.segment.condition.Population;
import crm.segment.condition.Top;
import crm.segment.definition.Segment;
import crm.segment.definition.SegmentRepository;
import crm.segment.definition.WorkspaceSegments;
import crm.segment.membership.SegmentReconciler;
import crm.segment.outbox.OutboxPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps each workspace's population statistics current: recomputed on a schedule and on demand; when they moved, the
 * segments reading them are reconciled and the resulting entries and exits published ("statistics changed").
 */
@ApplicationScoped
public class PopulationStatistics {
    private static final Logger LOG = Logger.getLogger(PopulationStatistics.class);

    @Inject
    StatisticsRepository repository;
    @Inject
    SegmentRepository segments;
    @Inject
    SegmentReconciler reconciler;
    @Inject
    OutboxPublisher publisher;
    @Inject
    InstantSource clock;

    /** The outcome of a refresh. */
    public record Refresh(Population population, Instant computedAt, boolean changed, int membershipChanges) {
    }

    @Scheduled(identity = "statistics-refresh", every = "${crm.segment.statistics.every}",
            delayed = "${crm.segment.statistics.delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAll() {
        for (String workspaceId : segments.workspaces()) {
            try {
                refresh(workspaceId);
            } catch (RuntimeException e) {
                LOG.warnf("statistics of workspace %s not refreshed, next run retries: %s", workspaceId, e.toString());
            }
        }
    }

    public Refresh refresh(String workspaceId) {
        WorkspaceSegments all = segments.workspace(workspaceId);
        Population before = repository.load(workspaceId);
        Population after = repository.compute(workspaceId, tops(all.all()), averages(all.all()));
        Instant now = clock.instant();
        repository.save(workspaceId, after, now);
        boolean changed = !after.equals(before);
        int membershipChanges = 0;
        if (changed) {
            List<String> affected = all.readingStatistics().stream().map(Segment::id).toList();
            membershipChanges = reconciler.reconcile(workspaceId, affected, SegmentReconciler.STATISTICS_CHANGED);
            publish();
        }
        return new Refresh(after, now, changed, membershipChanges);
    }

    /**
     * Makes sure the statistics a new or edited condition reads exist, computing them if not; the statistics other
     * segments read are stored again unchanged unless they moved meanwhile (then the next refresh publishes that).
     */
    public void ensure(String workspaceId, Segment segment) {
        Population stored = repository.load(workspaceId);
        boolean missing = ConditionShape.tops(segment.condition()).stream().anyMatch(t -> stored.top(t.trait(), t.percent()) == null)
                || ConditionShape.averages(segment.condition()).stream().anyMatch(a -> stored.average(a) == null)
                || (ConditionShape.readsStatistics(segment.condition()) && stored.rfm().isEmpty());
        if (!missing) return;
        WorkspaceSegments all = segments.workspace(workspaceId).with(segment);
        Population computed = repository.compute(workspaceId, tops(all.all()), averages(all.all()));
        // Keep what was stored for what was there already, so no other segment's verdict moves silently.
        java.util.Map<String, Population.Top> tops = new java.util.HashMap<>(computed.tops());
        tops.putAll(stored.tops());
        java.util.Map<String, java.math.BigDecimal> averages = new java.util.HashMap<>(computed.averages());
        averages.putAll(stored.averages());
        java.util.Map<String, List<java.math.BigDecimal>> rfm = new java.util.HashMap<>(computed.rfm());
        rfm.putAll(stored.rfm());
        repository.save(workspaceId, new Population(tops, averages, rfm), clock.instant());
    }

    /** The stored statistics, plus those the condition reads that are not stored yet (computed now, not saved): for previews. */
    public Population forCondition(String workspaceId, crm.segment.condition.Condition condition) {
        Population stored = repository.load(workspaceId);
        Population computed = repository.compute(workspaceId, ConditionShape.tops(condition), ConditionShape.averages(condition));
        java.util.Map<String, Population.Top> tops = new java.util.HashMap<>(computed.tops());
        tops.putAll(stored.tops());
        java.util.Map<String, java.math.BigDecimal> averages = new java.util.HashMap<>(computed.averages());
        averages.putAll(stored.averages());
        java.util.Map<String, List<java.math.BigDecimal>> rfm = new java.util.HashMap<>(computed.rfm());
        rfm.putAll(stored.rfm());
        return new Population(tops, averages, rfm);
    }

    private void publish() {
        try {
            int published;
            do {
                published = publisher.publishPending();
            } while (published == publisher.batchSize());
        } catch (RuntimeException e) {
            LOG.warnf("membership changes left for the relay: %s", e.toString());
        }
    }

    private static Set<Top> tops(List<Segment> all) {
        Set<Top> tops = new LinkedHashSet<>();
        all.forEach(s -> tops.addAll(ConditionShape.tops(s.condition())));
        return tops;
    }

    private static Set<String> averages(List<Segment> all) {
        Set<String> averages = new LinkedHashSet<>();
        all.forEach(s -> averages.addAll(ConditionShape.averages(s.condition())));
        return averages;
    }
}
