package crm.profile.traits;

import crm.events.ProfileChanged;

/** The snapshot of a profile published on crm.profiles.v1. */
public final class ProfileTraits {
    private ProfileTraits() {
    }

    /**
     * Stamped with the profile's own change time and cause, so publishing the same version again (after a
     * redelivery) sends the very same message.
     */
    public static ProfileChanged snapshot(Profile profile) {
        return new ProfileChanged(profile.workspaceId(), profile.id(), profile.version(), profile.updatedAt(),
                profile.lastEventId(), profile.traits());
    }
}
