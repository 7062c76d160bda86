package crm.profile;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.ProfileChanged;
import crm.profile.api.ProfileView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Everything Jackson (de)serialises in this service, kept for reflection in a native image. */
@RegisterForReflection(targets = {CustomerEvent.class, Identities.class, EventType.class, ProfileChanged.class, ProfileView.class})
public final class ReflectionTargets {
    private ReflectionTargets() {
    }
}
