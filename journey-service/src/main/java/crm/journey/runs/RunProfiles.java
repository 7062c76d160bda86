package crm.journey.runs;

import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.journey.contacts.ProfileChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.InstantSource;

/**
 * Runs follow their profile (crm.profiles.v1, in the contact projection's transaction): a merge moves the merged
 * profile's runs to the survivor, an erasure cancels its runs and forgets what they knew about the person.
 */
@ApplicationScoped
public class RunProfiles {
    @Inject
    RunRepository runs;
    @Inject
    InstantSource clock;

    void onProfile(@Observes ProfileChange change) throws SQLException {
        if (change.message() instanceof ProfileMerged merged) {
            runs.moveProfile(change.connection(), merged.workspaceId(), merged.mergedId(), merged.profileId(), clock.instant());
        } else if (change.message() instanceof ProfileErased erased) {
            runs.eraseProfile(change.connection(), erased.workspaceId(), erased.profileId(), clock.instant());
        }
    }
}
