package crm.segment.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A condition to validate or preview, as text or as the JSON AST (exactly one).
 *
 * @param sample how many matching profiles a preview lists (default 10, at most 100)
 */
public record ConditionRequest(String condition, JsonNode ast, Integer sample) {
}
