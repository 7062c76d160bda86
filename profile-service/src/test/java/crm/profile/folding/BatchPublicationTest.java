package crm.profile.folding;

import crm.events.ProfileChanged;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPublicationTest {
    static final Instant AT = Instant.parse("2025-06-01T00:00:00Z");

    static ProfileChanged snapshot(String profileId, long version) {
        return new ProfileChanged("ws", profileId, version, AT, "e" + version, Map.of("v", version));
    }

    @Test
    void only_the_last_snapshot_of_each_profile_is_kept_in_its_place_and_every_merge_stays() {
        ProfileMerged merged = new ProfileMerged("ws", "b", "a", AT);
        List<ProfileMessage> folded = List.of(snapshot("a", 1), snapshot("b", 1), snapshot("a", 2), merged, snapshot("b", 3));

        assertThat(BatchPublication.latestSnapshots(folded)).containsExactly(snapshot("a", 2), merged, snapshot("b", 3));
    }

    @Test
    void a_republished_snapshot_is_kept_once() {
        assertThat(BatchPublication.latestSnapshots(List.of(snapshot("a", 1), snapshot("a", 1)))).containsExactly(snapshot("a", 1));
        assertThat(BatchPublication.latestSnapshots(List.of())).isEmpty();
    }

    @Test
    void random_batches_keep_every_profiles_last_snapshot_and_all_merges_in_their_order() {
        Random random = new Random(20250601L);
        for (int round = 0; round < 500; round++) {
            List<ProfileMessage> folded = new ArrayList<>();
            int size = random.nextInt(30);
            for (int i = 0; i < size; i++) {
                String profile = "p" + random.nextInt(5);
                folded.add(random.nextInt(4) == 0 ? new ProfileMerged("ws", profile, "m" + i, AT) : snapshot(profile, i));
            }

            List<ProfileMessage> kept = BatchPublication.latestSnapshots(folded);

            // What is kept is a subsequence of what was folded...
            int at = 0;
            for (ProfileMessage m : kept) {
                while (folded.get(at) != m) at++;
                at++;
            }
            // ...with every merge, and per profile exactly its last snapshot.
            assertThat(kept.stream().filter(m -> m instanceof ProfileMerged).toList())
                    .isEqualTo(folded.stream().filter(m -> m instanceof ProfileMerged).toList());
            for (String profile : List.of("p0", "p1", "p2", "p3", "p4")) {
                List<ProfileMessage> all = folded.stream().filter(m -> m instanceof ProfileChanged && m.profileId().equals(profile)).toList();
                List<ProfileMessage> left = kept.stream().filter(m -> m instanceof ProfileChanged && m.profileId().equals(profile)).toList();
                assertThat(left).isEqualTo(all.isEmpty() ? List.of() : List.of(all.get(all.size() - 1)));
            }
        }
    }
}
