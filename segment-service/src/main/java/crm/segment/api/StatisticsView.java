package crm.segment.api;

import crm.segment.condition.Population;

import java.time.Instant;

/**
 * The workspace's population statistics.
 *
 * @param changed                on a refresh: whether they moved
 * @param membershipChanges      on a refresh: how many entries and exits that caused (published)
 */
public record StatisticsView(Population statistics, Instant computedAt, Boolean changed, Integer membershipChanges) {
}
