package crm.journey.runs;

import crm.events.CustomerEvent;
import crm.events.MessageEvent;
import crm.journey.contacts.ContactRepository;
import crm.journey.definition.EventPaths;
import crm.journey.definition.ExitCriterion;
import crm.journey.definition.Goal;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Trigger;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer event does to runs, in the consumer's transaction: wakes the runs waiting for it, ends the runs
 * whose exit criteria it meets, converts the runs whose goal it is, and starts the runs of the journeys it triggers
 * (in that order, so the order that ends a cart's run does not start another one).
 */
@ApplicationScoped
public class RunEvents {
    private static final Logger LOG = Logger.getLogger(RunEvents.class);
    /** Goals further back than this are not looked for (no goal window is longer). */
    static final Duration LONGEST_GOAL_WINDOW = Duration.ofDays(366);

    @Inject
    JourneyRepository journeys;
    @Inject
    RunRepository runs;
    @Inject
    RunProgress progress;
    @Inject
    ContactRepository contacts;

    public void apply(Connection c, CustomerEvent event, Instant now) throws SQLException {
        if (event.name() == null || event.name().isBlank()) return;
        String profileId = profileOf(c, event).orElse(null);
        wake(c, event, profileId, now);
        exit(c, event, profileId, now);
        if (profileId != null) convert(c, event, profileId, now);
        trigger(c, event, profileId, now);
    }

    /** The profile the event is about: named by the suite's own producers, else found by address in the contacts. */
    Optional<String> profileOf(Connection c, CustomerEvent event) throws SQLException {
        if (event.identities().profileId() != null) return Optional.of(event.identities().profileId());
        return contacts.profileOf(c, event.workspaceId(), event.identities().email(), event.identities().phone());
    }

    private void wake(Connection c, CustomerEvent event, String profileId, Instant now) throws SQLException {
        Optional<MessageEvent> message = MessageEvent.of(event);
        if (message.isPresent()) {
            // Provider callbacks name our message id (SendGrid custom_args, Twilio's callback URL) or only the
            // provider's id for it; the run is found through the send either way. Locking the run before the report
            // is recorded (MessageFeedback, later in this transaction) pairs with RunProgress, which looks for earlier
            // reports when the run reaches its wait: one of the two sees the other.
            Object providerId = event.properties().get("provider_message_id");
            Optional<RunRepository.SentMessage> sent = runs.message(c, event.workspaceId(), message.get().messageId(),
                    providerId == null ? null : providerId.toString());
            if (sent.isPresent()) {
                Optional<Run> run = runs.lock(c, sent.get().runId());
                if (run.isPresent() && run.get().workspaceId().equals(event.workspaceId()) && run.get().status() == RunStatus.running
                        && event.name().equals(run.get().awaitingEvent())
                        && sent.get().messageId().equals(run.get().awaitingMessageId())) {
                    progress.eventHappened(c, run.get(), now);
                }
            }
        }
        if (profileId == null) return;
        for (Run run : runs.awaiting(c, event.workspaceId(), profileId, event.name())) {
            progress.eventHappened(c, run, now);
        }
    }

    private void exit(Connection c, CustomerEvent event, String profileId, Instant now) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        for (Object v : event.properties().values()) {
            if (v != null && !(v instanceof Map) && !(v instanceof Iterable)) values.add(EventPaths.text(v));
        }
        Map<String, JourneyDefinition> versions = new HashMap<>();
        for (Run run : runs.running(c, event.workspaceId(), profileId, values)) {
            String version = run.journeyId() + "@" + run.journeyVersion();
            JourneyDefinition d = versions.get(version);
            if (d == null) {
                d = progress.definition(c, run);
                versions.put(version, d);
            }
            for (ExitCriterion criterion : d.exits()) {
                if (criterion instanceof ExitCriterion.EventHappened e && event.name().equals(e.event())) {
                    boolean matches = e.matchEntryKey() != null
                            ? EventPaths.text(event, e.matchEntryKey()).map(run.entryValue()::equals).orElse(false)
                            : run.profileId().equals(profileId);
                    if (matches) {
                        progress.exit(c, run, "exit: " + e.event(), now);
                        break;
                    }
                }
            }
        }
    }

    private void convert(Connection c, CustomerEvent event, String profileId, Instant now) throws SQLException {
        Instant at = event.timestamp() == null ? now : event.timestamp();
        for (Run run : runs.convertible(c, event.workspaceId(), profileId, at.minus(LONGEST_GOAL_WINDOW))) {
            Goal goal = progress.definition(c, run).goal();
            if (goal != null && event.name().equals(goal.event()) && !at.isBefore(run.startedAt())
                    && !at.isAfter(run.startedAt().plus(Duration.parse(goal.within())))) {
                runs.convert(c, run.id(), event.id(), at);
            }
        }
    }

    private void trigger(Connection c, CustomerEvent event, String profileId, Instant now) throws SQLException {
        for (Journey journey : journeys.activeTriggeredByEvent(c, event.workspaceId(), event.name())) {
            if (!(journey.definition().trigger() instanceof Trigger.EventHappened t) || !matches(t, event)) continue;
            // A customer the service has no profile for yet is named by their best identity until a merge moves them.
            String who = profileId != null ? profileId : event.identities().best();
            if (who.isEmpty()) continue;
            String key = journey.definition().entryRule().key();
            String entryValue = key == null ? "" : EventPaths.text(event, key).orElse(null);
            if (entryValue == null) {
                LOG.debugf("event %s has no %s: starts no run of journey %s", event.id(), key, journey.id());
                continue;
            }
            progress.start(c, journey, who, entryValue, event.id(), traits(event), event.properties(), now);
        }
    }

    /** Whether the event matches every entry of the trigger's property filter (values compared as text). */
    public static boolean matches(Trigger.EventHappened trigger, CustomerEvent event) {
        if (!trigger.event().equals(event.name())) return false;
        for (Map.Entry<String, Object> w : trigger.where().entrySet()) {
            Optional<String> actual = EventPaths.text(event, w.getKey());
            if (actual.isEmpty() || !actual.get().equals(EventPaths.text(w.getValue()))) return false;
        }
        return true;
    }

    /** What the event tells about the customer, for a run's first snapshot (the contact projection adds the rest). */
    static Map<String, Object> traits(CustomerEvent event) {
        Map<String, Object> traits = new HashMap<>(event.traits());
        if (event.identities().email() != null) traits.putIfAbsent("email", event.identities().email());
        if (event.identities().phone() != null) traits.putIfAbsent("phone", event.identities().phone());
        return traits;
    }
}
