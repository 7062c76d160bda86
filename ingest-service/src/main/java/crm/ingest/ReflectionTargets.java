package crm.ingest;

import crm.events.CustomerEvent;
import crm.events.EventType;
import crm.events.Identities;
import crm.events.WorkspaceChanged;
import crm.ingest.tracking.TrackingAccepted;
import crm.ingest.workspace.NewWorkspace;
import crm.ingest.workspace.WorkspaceCreated;
import crm.ingest.workspace.WorkspaceView;
import crm.ingest.workspace.WriteKeyIssued;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every class Jackson (de)serialises in this service, kept for the native image. */
@RegisterForReflection(targets = {
        CustomerEvent.class, Identities.class, EventType.class,
        WorkspaceChanged.class, WorkspaceChanged.Kind.class,
        NewWorkspace.class, WorkspaceCreated.class, WorkspaceView.class, TrackingAccepted.class,
        WriteKeyIssued.class,
        // webhooks
        crm.ingest.webhooks.WebhookAccepted.class, crm.ingest.webhooks.WebhookSecrets.Status.class,
        crm.ingest.workspace.WebhookSecretChange.class})
public final class ReflectionTargets {
    private ReflectionTargets() {
    }
}
