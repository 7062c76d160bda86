package crm.journey.runs;

import crm.events.SegmentMembershipChanged;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyStatus;
import crm.journey.journeys.JourneyTemplates;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntryTest {
    private static final String WS = "ws-1";
    private final Journey welcome = journey("j-welcome", WS, JourneyStatus.active);
    private final String customers = ((crm.journey.definition.Trigger.SegmentEntered) welcome.definition().trigger()).segmentId();

    private static Journey journey(String id, String ws, JourneyStatus status) {
        return new Journey(id, ws, "welcome", "Welcome", status, JourneyTemplates.welcome(ws).definition(), 1, Instant.EPOCH);
    }

    private static SegmentMembershipChanged change(String ws, String segment, SegmentMembershipChanged.Change kind) {
        return new SegmentMembershipChanged("t-1", ws, segment, "Customers", "p-1", kind, "orders_count >= 1",
                Instant.EPOCH, 3, Map.of("email", "a@b.c"));
    }

    @Test
    void entering_the_trigger_segment_starts_the_active_journey() {
        assertThat(Entry.journeysStarted(change(WS, customers, SegmentMembershipChanged.Change.ENTERED), List.of(welcome)))
                .containsExactly(welcome);
    }

    @Test
    void exiting_the_trigger_segment_starts_nothing() {
        assertThat(Entry.journeysStarted(change(WS, customers, SegmentMembershipChanged.Change.EXITED), List.of(welcome))).isEmpty();
    }

    @Test
    void entering_another_segment_starts_nothing() {
        assertThat(Entry.journeysStarted(change(WS, "other", SegmentMembershipChanged.Change.ENTERED), List.of(welcome))).isEmpty();
    }

    @Test
    void a_paused_journey_starts_nothing() {
        Journey paused = journey("j-paused", WS, JourneyStatus.paused);
        assertThat(Entry.journeysStarted(change(WS, customers, SegmentMembershipChanged.Change.ENTERED), List.of(paused))).isEmpty();
    }

    @Test
    void another_workspace_journey_is_never_started() {
        Journey foreign = new Journey("j-x", "ws-2", "welcome", "Welcome", JourneyStatus.active, welcome.definition(), 1, Instant.EPOCH);
        assertThat(Entry.journeysStarted(change(WS, customers, SegmentMembershipChanged.Change.ENTERED), List.of(foreign))).isEmpty();
    }

    @Test
    void re_entry_is_never_so_every_run_has_the_same_entry_key() {
        assertThat(Entry.ONCE).isEmpty();
    }

    @Test
    void a_transition_with_blank_ids_is_defective() {
        var entered = SegmentMembershipChanged.Change.ENTERED;
        assertThat(Entry.defect(change(WS, customers, entered))).isNull();
        assertThat(Entry.defect(new SegmentMembershipChanged(" ", WS, "s", null, "p", entered, null, null, 0, null))).contains("id");
        assertThat(Entry.defect(new SegmentMembershipChanged("t", " ", "s", null, "p", entered, null, null, 0, null))).contains("workspaceId");
        assertThat(Entry.defect(new SegmentMembershipChanged("t", WS, "", null, "p", entered, null, null, 0, null))).contains("segmentId");
        assertThat(Entry.defect(new SegmentMembershipChanged("t", WS, "s", null, "", entered, null, null, 0, null))).contains("profileId");
    }

    @Test
    void a_transition_missing_its_ids_cannot_even_be_read() {
        String noId = "{\"workspaceId\":\"ws-1\",\"segmentId\":\"s\",\"profileId\":\"p\",\"change\":\"entered\"}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> crm.events.Json.read(noId, SegmentMembershipChanged.class))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
