package crm.segment.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment to create or the new state of one: its name and its condition, as text ({@code condition}) or as the JSON
 * AST ({@code ast}), exactly one of them.
 */
public record SegmentRequest(String name, String condition, JsonNode ast) {
}
