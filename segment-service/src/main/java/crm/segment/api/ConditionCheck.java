package crm.segment.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A valid condition: its canonical text, its JSON AST, and what it depends on.
 *
 * @param segments the other segments it references, as written
 */
public record ConditionCheck(boolean valid, String condition, JsonNode ast, boolean readsClock, boolean readsStatistics,
                             List<String> segments) {
}
