package crm.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything profile-service publishes on {@link Topics#PROFILES}, keyed by profile id. The JSON field {@code type}
 * tells them apart ("changed", "merged", "erased"); a message without it is a {@link ProfileChanged}, as the first
 * version of the topic carried only those. Read with {@code Json.read(value, ProfileMessage.class)} and switch.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ProfileChanged.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = ProfileChanged.class, name = "changed"),
        @JsonSubTypes.Type(value = ProfileMerged.class, name = "merged"),
        @JsonSubTypes.Type(value = ProfileErased.class, name = "erased")})
public sealed interface ProfileMessage permits ProfileChanged, ProfileMerged, ProfileErased {
    String workspaceId();

    /** The profile the message is about, also its Kafka key. */
    String profileId();
}
