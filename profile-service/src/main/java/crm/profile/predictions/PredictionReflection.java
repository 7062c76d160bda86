package crm.profile.predictions;

import crm.profile.kpis.WorkspaceKpis;
import crm.profile.traits.ProfileState;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What Jackson (de)serialises for predictions and KPIs, kept for reflection in a native image. */
@RegisterForReflection(targets = {PredictionViews.ModelView.class, PredictionViews.ProfilePredictionView.class,
        PredictionViews.RefitView.class, WorkspaceKpis.class, WorkspaceKpis.RepeatWithin.class, ProfileState.OrderFact.class})
final class PredictionReflection {
    private PredictionReflection() {
    }
}
