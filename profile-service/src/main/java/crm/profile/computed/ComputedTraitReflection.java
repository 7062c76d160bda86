package crm.profile.computed;

import crm.profile.privacy.DataRequestResource;
import crm.profile.privacy.DataRequests;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What Jackson (de)serialises for custom computed traits and data requests, kept for reflection in a native image. */
@RegisterForReflection(targets = {ComputedTrait.class, ComputedTrait.Kind.class, ComputedTrait.Definition.class,
        ComputedTrait.Filter.class, ComputedValue.class, ComputedTraitRequest.class, ComputedTraitRequest.Where.class,
        ComputedTraitResource.View.class, ComputedTraitResource.Page.class, ComputedTraitRepository.Backfill.class,
        DataRequests.Summary.class, DataRequests.Document.class, DataRequestResource.Page.class})
final class ComputedTraitReflection {
    private ComputedTraitReflection() {
    }
}
