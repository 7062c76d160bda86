package crm.segment.membership;

import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileSnapshotReadingTest {

    @Test
    void a_snapshot_without_type_is_read_as_a_change_with_its_traits() {
        var s = (ProfileChanged) ProfileChangesConsumer.read("{\"workspaceId\":\"w\",\"profileId\":\"p\",\"version\":2,\"traits\":{\"orders_count\":1}}");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.traits()).containsEntry("orders_count", 1);
    }

    @Test
    void merges_and_erasures_are_told_apart_by_type() {
        assertThat(ProfileChangesConsumer.read("{\"type\":\"merged\",\"workspaceId\":\"w\",\"profileId\":\"p\",\"mergedId\":\"q\"}"))
                .isEqualTo(new ProfileMerged("w", "p", "q", null));
        assertThat(ProfileChangesConsumer.read("{\"type\":\"erased\",\"workspaceId\":\"w\",\"profileId\":\"p\",\"reason\":\"api\"}"))
                .isEqualTo(new ProfileErased("w", "p", null, "api"));
    }

    @Test
    void unreadable_or_anonymous_messages_are_refused_for_the_dead_letter_topic() {
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{\"profileId\":\"p\",\"version\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspaceId");
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{\"workspaceId\":\"w\",\"profileId\":\" \"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("profileId");
        assertThatThrownBy(() -> ProfileChangesConsumer.read("{\"type\":\"merged\",\"workspaceId\":\"w\",\"profileId\":\"p\",\"mergedId\":\"p\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mergedId");
    }
}
