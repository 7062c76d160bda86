package crm.journey.contacts;

import crm.events.Json;
import crm.events.ProfileChanged;
import crm.events.ProfileErased;
import crm.events.ProfileMerged;
import crm.events.ProfileMessage;
import crm.journey.runtime.Database;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/**
 * Keeps the contact projection from crm.profiles.v1: snapshots (by version, so redelivery is harmless), merges and
 * erasures. A malformed message is dead-lettered; a valid one waits for the database.
 */
@ApplicationScoped
public class ProfileConsumer {
    @Inject
    Database database;
    @Inject
    ContactRepository contacts;
    @Inject
    InstantSource clock;
    @Inject
    Event<ProfileChange> changes;

    @Incoming("profiles")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return database.commitThenAck(batch, ProfileConsumer::parse, (c, profile) -> {
            apply(c, profile);
            changes.fire(new ProfileChange(c, profile));
        });
    }

    static ProfileMessage parse(String payload) {
        ProfileMessage profile = Json.read(payload, ProfileMessage.class);
        if (profile.workspaceId().isBlank() || profile.profileId().isBlank()) {
            throw new IllegalArgumentException("workspaceId and profileId must not be blank");
        }
        return profile;
    }

    void apply(Connection c, ProfileMessage profile) throws SQLException {
        if (profile instanceof ProfileChanged changed) {
            contacts.apply(c, Contact.fromSnapshot(changed.workspaceId(), changed.profileId(), changed.version(),
                    changed.traits()), clock.instant());
        } else if (profile instanceof ProfileMerged merged) {
            contacts.merge(c, merged.workspaceId(), merged.profileId(), merged.mergedId(), clock.instant());
        } else if (profile instanceof ProfileErased erased) {
            contacts.erase(c, erased.workspaceId(), erased.profileId());
        }
    }
}
