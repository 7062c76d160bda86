package crm.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The Segment spec's message types; every inbound source is mapped onto one of them. */
public enum EventType {
    @JsonProperty("identify") IDENTIFY,
    @JsonProperty("track") TRACK,
    @JsonProperty("page") PAGE,
    @JsonProperty("screen") SCREEN,
    @JsonProperty("group") GROUP,
    @JsonProperty("alias") ALIAS
}
