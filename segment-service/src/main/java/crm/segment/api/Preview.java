package crm.segment.api;

import com.fasterxml.jackson.databind.JsonNode;
import crm.segment.membership.ProjectionQueries;

import java.time.Instant;
import java.util.List;

/** How many profiles a condition matches now, and the first of them (by profile id). Nothing is saved. */
public record Preview(String condition, JsonNode ast, Instant at, long count, List<ProjectionQueries.Sampled> sample) {
}
