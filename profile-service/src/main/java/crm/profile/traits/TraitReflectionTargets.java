package crm.profile.traits;

import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.profile.api.ProfileResource;
import crm.profile.api.ProfileView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson (de)serialises for identity resolution, traits, consent and the profile API (native image), beside
 * crm.profile.ReflectionTargets.
 */
@RegisterForReflection(targets = {ProfileState.class, ProfileState.OrderFact.class, ProfileState.DayCounts.class,
        ProfileState.Checkout.class, ProfileState.Consent.class, ProfileState.ConsentChange.class, TraitSettings.class,
        TraitSettings.EngagementWeights.class, ProfileMessage.class, ProfileMerged.class, ProfileErased.class, ProfileView.class,
        ProfileResource.TimelinePage.class, ProfileResource.ConsentUpdate.class, ProfileResource.ConsentView.class,
        ProfileResource.ProfileExport.class})
public final class TraitReflectionTargets {
    private TraitReflectionTargets() {
    }
}
