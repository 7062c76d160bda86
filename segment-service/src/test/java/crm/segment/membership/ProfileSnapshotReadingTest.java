package crm.segment.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileSnapshotReadingTest {

    @Test
    void a_valid_snapshot_is_read_with_its_traits() {
        var s = ProfileChangesConsumer.read("{\"workspaceId\":\"w\",\"profileId\":\"p\",\"version\":2,\"traits\":{\"orders_count\":1}}");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.traits()).containsEntry("orders_count", 1);
    }

    @Test
    void unreadable_or_anonymous_snapshots_are_refused_for_the_dead_letter_topic() {
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{\"profileId\":\"p\",\"version\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspaceId");
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{\"workspaceId\":\"w\",\"profileId\":\" \"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profileId");
    }
}
