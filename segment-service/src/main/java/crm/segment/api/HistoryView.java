package crm.segment.api;

import crm.segment.history.SizeHistory;

import java.util.List;

/** The daily size of a segment, oldest first; the last day is today, counted now. */
public record HistoryView(String segmentId, List<SizeHistory.Day> days) {
}
