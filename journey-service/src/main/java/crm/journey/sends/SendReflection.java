package crm.journey.sends;

import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.journey.feedback.JourneyStats;
import crm.journey.providers.ProviderChoice;
import crm.journey.providers.ProviderResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson (de)serialises for sends, contacts, providers and statistics, so a native image keeps it (the
 * service's other classes are in crm.journey.runtime.Reflection).
 */
@RegisterForReflection(targets = {
        ProfileMessage.class, ProfileChanged.class, ProfileMerged.class, ProfileErased.class,
        JourneyStats.class, JourneyStats.StepStats.class,
        ProviderChoice.class, ProviderResource.Choice.class})
public class SendReflection {
}
