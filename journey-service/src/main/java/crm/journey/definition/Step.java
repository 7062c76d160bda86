package crm.journey.definition;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crm.events.MessageEvent;

/**
 * One step of a journey, named by an id unique within the journey (it is part of the send's idempotency key).
 * Sealed: waits, branches and exits join as further records, each handled where steps are executed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Step.Send.class, name = "send")})
public sealed interface Step {
    String id();

    /** Sends one message on a channel, rendered from a template with the profile's traits. */
    record Send(String id, MessageEvent.Channel channel, String template) implements Step {
    }
}
