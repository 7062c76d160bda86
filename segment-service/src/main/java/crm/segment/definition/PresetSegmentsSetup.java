package crm.segment.definition;

import crm.segment.backfill.BackfillRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each workspace the presets of the current list ({@link Presets#VERSION}), once: all of them when the workspace
 * is created (or first seen through a profile), and to a workspace that received an older list, the presets added
 * since, at start and on its next profile change. Only presets newer than the workspace's recorded version are added,
 * and never over a segment of the same id or name: a preset the workspace deleted is not re-created, one it edited is
 * not overwritten. Presets added to a workspace that has profiles are backfilled in the background.
 */
@ApplicationScoped
public class PresetSegmentsSetup {
    private static final Logger LOG = Logger.getLogger(PresetSegmentsSetup.class);

    @Inject
    SegmentRepository segments;
    @Inject
    PresetVersions versions;
    @Inject
    BackfillRepository backfills;
    @Inject
    InstantSource clock;

    /** Workspaces seen with the current list, so a profile change of theirs costs no query. */
    private final Set<String> current = ConcurrentHashMap.newKeySet();

    /** For a workspace that was just created. */
    @Transactional
    public void prepare(String workspaceId) {
        upToDate(workspaceId);
    }

    /**
     * Adds the presets the workspace lacks, in the current transaction (or a new one).
     *
     * @return the presets added
     */
    @Transactional
    public List<Segment> upToDate(String workspaceId) {
        if (current.contains(workspaceId)) return List.of();
        Instant now = clock.instant();
        int had = versions.lock(workspaceId, now);
        if (had >= Presets.VERSION) {
            current.add(workspaceId); // committed by an earlier transaction: safe to remember
            return List.of();
        }
        List<Segment> added = Presets.since(workspaceId, had).stream().filter(s -> segments.addIfAbsent(s, now)).toList();
        if (!added.isEmpty() && versions.hasProfiles(workspaceId)) {
            added.forEach(s -> backfills.request(workspaceId, s.id(), now));
        }
        versions.set(workspaceId, Presets.VERSION, now);
        if (had > 0) LOG.infof("workspace %s: presets version %d -> %d, added %s", workspaceId, had, Presets.VERSION,
                added.stream().map(Segment::presetKey).toList());
        return added;
    }

    /** Brings every workspace that received an older list up to date; returns how many presets were added. */
    public int upgradeAll() {
        int added = 0;
        for (String workspaceId : versions.behind(Presets.VERSION)) {
            try {
                added += upToDate(workspaceId).size();
            } catch (RuntimeException e) {
                LOG.warnf("presets of workspace %s not brought up to date (its next profile change retries): %s", workspaceId, e.toString());
            }
        }
        return added;
    }

    void onStart(@Observes StartupEvent start) {
        try {
            upgradeAll();
        } catch (RuntimeException e) {
            LOG.warnf("presets not brought up to date at start (profile changes retry per workspace): %s", e.toString());
        }
    }
}
