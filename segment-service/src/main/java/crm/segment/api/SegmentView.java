package crm.segment.api;

import com.fasterxml.jackson.databind.JsonNode;
import crm.segment.backfill.Backfill;
import crm.segment.condition.ConditionJson;
import crm.segment.condition.ConditionShape;
import crm.segment.definition.SegmentRepository;

import java.time.Instant;

/**
 * A segment as the API shows it: the condition in both forms, and what it depends on.
 *
 * @param key             the preset key, null for a segment a marketer wrote
 * @param readsClock      membership can change because time passes (the time sweep re-evaluates it)
 * @param readsStatistics membership depends on population statistics (refreshed on a schedule and on demand)
 * @param backfill        the background backfill of its last creation or change; null for a segment never backfilled
 *                        (a preset created with its workspace)
 */
public record SegmentView(String id, String key, String name, String condition, JsonNode ast, long memberCount,
                          boolean readsClock, boolean readsStatistics, Instant createdAt, Instant updatedAt, Backfill backfill) {

    static SegmentView of(SegmentRepository.Stored stored, long memberCount, Backfill backfill) {
        var s = stored.segment();
        return new SegmentView(s.id(), s.presetKey(), s.name(), s.conditionText(), ConditionJson.write(s.condition()), memberCount,
                ConditionShape.readsClock(s.condition()), ConditionShape.readsStatistics(s.condition()), stored.createdAt(), stored.updatedAt(),
                backfill);
    }
}
