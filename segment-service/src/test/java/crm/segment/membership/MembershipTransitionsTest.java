package crm.segment.membership;

import crm.events.ProfileChanged;
import crm.events.SegmentMembershipChanged;
import crm.events.SegmentMembershipChanged.Change;
import crm.segment.condition.Condition;
import crm.segment.condition.Evaluation;
import crm.segment.condition.Facts;
import crm.segment.definition.Presets;
import crm.segment.definition.Segment;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipTransitionsTest {
    private final Segment customers = Presets.of("ws", "customers");
    private final Segment loyal = new Segment("loyal", "ws", null, "Loyal", Condition.parse("orders_count >= 2"));
    private final List<Segment> segments = List.of(customers, loyal);

    private List<Transition> of(Set<String> memberOf, Map<String, Object> traits) {
        return MembershipTransitions.of(segments, memberOf, Facts.of(traits), Evaluation.at(Instant.EPOCH));
    }

    @Test
    void customer_with_an_order_enters_customers() {
        assertThat(of(Set.of(), Map.of("orders_count", 1)))
                .containsExactly(new Transition(customers, Change.ENTERED));
    }

    @Test
    void customer_with_two_orders_enters_both_segments_in_segment_order() {
        assertThat(of(Set.of(), Map.of("orders_count", 2)))
                .containsExactly(new Transition(customers, Change.ENTERED), new Transition(loyal, Change.ENTERED));
    }

    @Test
    void refunded_customer_exits_what_no_longer_holds() {
        assertThat(of(Set.of(customers.id(), loyal.id()), Map.of("orders_count", 1)))
                .containsExactly(new Transition(loyal, Change.EXITED));
    }

    @Test
    void unchanged_verdicts_make_no_transition() {
        assertThat(of(Set.of(customers.id()), Map.of("orders_count", 1))).isEmpty();
        assertThat(of(Set.of(), Map.of())).isEmpty();
    }

    @Test
    void membership_of_an_undefined_segment_is_left_alone() {
        assertThat(of(Set.of("gone"), Map.of("orders_count", 0))).isEmpty();
    }

    @Test
    void a_transition_announces_the_segment_the_reason_and_the_snapshot() {
        var snapshot = new ProfileChanged("ws", "p1", 7, Instant.EPOCH, "e1",
                Map.of("orders_count", 1, "email", "a@b.c", "total_spent", new BigDecimal("9.90")));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");

        SegmentMembershipChanged m = new Transition(customers, Change.ENTERED).announce("t1", snapshot, at);

        assertThat(m).isEqualTo(new SegmentMembershipChanged("t1", "ws", customers.id(), "Customers", "p1", Change.ENTERED,
                "orders_count >= 1", at, 7, snapshot.traits()));
    }
}
