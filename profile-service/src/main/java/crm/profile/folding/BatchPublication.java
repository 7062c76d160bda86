package crm.profile.folding;

import crm.events.ProfileChanged;
import crm.events.ProfileMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a batch of folded events publishes: every merge and erasure, but of a profile's snapshots only the last one
 * (each carries the whole profile, so the later one supersedes the earlier). Each kept message stays at its position,
 * so a merge still precedes the survivor's snapshot that follows it.
 */
final class BatchPublication {
    private BatchPublication() {
    }

    static List<ProfileMessage> latestSnapshots(List<ProfileMessage> folded) {
        Map<String, Integer> lastSnapshotAt = new HashMap<>();
        for (int i = 0; i < folded.size(); i++) {
            if (folded.get(i) instanceof ProfileChanged changed) lastSnapshotAt.put(changed.profileId(), i);
        }
        List<ProfileMessage> out = new ArrayList<>(folded.size());
        for (int i = 0; i < folded.size(); i++) {
            ProfileMessage m = folded.get(i);
            if (!(m instanceof ProfileChanged changed) || lastSnapshotAt.get(changed.profileId()) == i) out.add(m);
        }
        return out;
    }
}
