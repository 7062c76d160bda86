package crm.segment.definition;

/** A segment as the API lists it. {@code key} is the preset key, null for a segment a marketer wrote. */
public record SegmentSummary(String id, String key, String name, String condition, long memberCount) {
}
