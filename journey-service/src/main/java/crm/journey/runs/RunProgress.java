package crm.journey.runs;

import crm.journey.contacts.ContactRepository;
import crm.journey.definition.EntryRule;
import crm.journey.definition.JourneyDefinition;
import crm.journey.journeys.Journey;
import crm.journey.journeys.JourneyRepository;
import crm.journey.sends.PlannedSend;
import crm.journey.sends.SendRepository;
import crm.journey.sends.SendStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Moves runs through their journey version's steps ({@link StepMachine}) and stores where they halt: a send row (the
 * send worker delivers it and reports back through {@link #afterSend} / {@link #stepFinished}), a timer (the
 * {@link RunTimers} worker fires it), an awaited event ({@link RunEvents}), or the end. Every method runs inside the
 * caller's transaction.
 */
@ApplicationScoped
public class RunProgress {
    @Inject
    JourneyRepository journeys;
    @Inject
    SendRepository sends;
    @Inject
    RunRepository runs;
    @Inject
    ContactRepository contacts;

    /** Starts a run of the journey for the profile unless its entry rule refuses; returns whether it started. */
    public boolean start(Connection c, Journey journey, String profileId, String entryKey, Map<String, Object> profile,
                         Instant now) throws SQLException {
        return start(c, journey, profileId, entryKey, null, profile, Map.of(), now).isPresent();
    }

    /**
     * Starts a run unless the journey's entry rule refuses: "never" once per profile and entry value; "always" unless
     * one with the same entry value is running; "after" once the days have passed since the last start. A trigger
     * delivered again starts nothing twice (the entry key holds the trigger id).
     *
     * @param entryValue the trigger's value at the entry key ("" without an entry key)
     * @param triggerId  the transition or event id that started it
     */
    public Optional<UUID> start(Connection c, Journey journey, String profileId, String entryValue, String triggerId,
                                Map<String, Object> traits, Map<String, Object> triggerProperties, Instant now) throws SQLException {
        EntryRule rule = journey.definition().entryRule();
        String entryKey = entryValue;
        if (rule.reentry() != EntryRule.ReEntry.never) {
            runs.lockEntry(c, journey.id(), profileId, entryValue);
            if (rule.reentry() == EntryRule.ReEntry.always && runs.hasRunning(c, journey.id(), profileId, entryValue)) {
                return Optional.empty();
            }
            if (rule.reentry() == EntryRule.ReEntry.after) {
                Optional<Instant> last = runs.lastStart(c, journey.id(), profileId, entryValue);
                if (last.isPresent() && last.get().plus(Duration.ofDays(rule.afterDays())).isAfter(now)) return Optional.empty();
            }
            entryKey = entryValue + "|" + (triggerId == null ? UUID.randomUUID() : triggerId);
        }
        Run run = new Run(UUID.randomUUID(), journey.workspaceId(), journey.id(), journey.version(), profileId, entryValue,
                RunStatus.running, null, null, null, null, traits, triggerProperties, now, null);
        if (!runs.insert(c, run, entryKey)) return Optional.empty();
        apply(c, run, journey.definition(), StepMachine.start(journey.definition(), context(c, run, now)), now);
        return Optional.of(run.id());
    }

    /**
     * A step's send finished (sent, skipped or failed), as the send worker reports it: a failed send fails the run;
     * otherwise the run goes on. Reporting the same outcome again changes nothing.
     */
    public void afterSend(Connection c, String workspaceId, UUID runId, String journeyId, String stepId,
                          SendStatus outcome, Map<String, Object> profile, Instant now) throws SQLException {
        stepFinished(c, runId, stepId, outcome, now);
    }

    /** The same as {@link #afterSend}, with only what identifies the step. */
    public void stepFinished(Connection c, UUID runId, String stepId, SendStatus outcome, Instant now) throws SQLException {
        Optional<Run> locked = runs.lock(c, runId);
        if (locked.isEmpty()) return;
        Run run = locked.get();
        // Runs started before steps were tracked have no current step: their send is the step they are at.
        if (run.status() != RunStatus.running || (run.currentStep() != null && !run.currentStep().equals(stepId))) return;
        runs.finishStep(c, runId, stepId, outcome.name(), now);
        if (outcome == SendStatus.failed) {
            runs.end(c, runId, RunStatus.failed, "the message of step " + stepId + " failed", now);
            return;
        }
        JourneyDefinition d = definition(c, run);
        apply(c, run, d, StepMachine.stepDone(d, stepId, context(c, run, now)), now);
    }

    /** The run's timer fired: a wait is over, or a wait for an event timed out. */
    public void timerFired(Connection c, Run run, Instant now) throws SQLException {
        JourneyDefinition d = definition(c, run);
        if (run.awaitingEvent() != null) {
            runs.finishStep(c, run.id(), run.currentStep(), "timed_out", now);
            apply(c, run, d, StepMachine.eventWaitOver(d, run.currentStep(), false, context(c, run, now)), now);
        } else {
            runs.finishStep(c, run.id(), run.currentStep(), "waited", now);
            apply(c, run, d, StepMachine.stepDone(d, run.currentStep(), context(c, run, now)), now);
        }
    }

    /** The event the (locked) run waits for happened. */
    public void eventHappened(Connection c, Run run, Instant now) throws SQLException {
        runs.finishStep(c, run.id(), run.currentStep(), "happened", now);
        JourneyDefinition d = definition(c, run);
        apply(c, run, d, StepMachine.eventWaitOver(d, run.currentStep(), true, context(c, run, now)), now);
    }

    /** Ends a (locked) running run early: an exit criterion held. */
    public void exit(Connection c, Run run, String reason, Instant now) throws SQLException {
        if (runs.end(c, run.id(), RunStatus.exited, reason, now) && run.currentStep() != null) {
            runs.finishStep(c, run.id(), run.currentStep(), "exited", now);
        }
    }

    public JourneyDefinition definition(Connection c, Run run) throws SQLException {
        return journeys.version(c, run.journeyId(), run.journeyVersion())
                .orElseThrow(() -> new IllegalStateException("journey " + run.journeyId() + " has no version " + run.journeyVersion()));
    }

    /** What the machine knows: the run's snapshot, overlaid by the newer contact projection when there is one. */
    private StepMachine.Context context(Connection c, Run run, Instant now) throws SQLException {
        Map<String, Object> traits = new HashMap<>(run.traits());
        contacts.find(c, run.workspaceId(), run.profileId()).ifPresent(contact -> traits.putAll(contact.traits()));
        return new StepMachine.Context(run.id(), traits, runs.segmentsOf(c, run.workspaceId(), run.profileId()), now);
    }

    private void apply(Connection c, Run run, JourneyDefinition d, StepMachine.Progress progress, Instant now) throws SQLException {
        StepMachine.Halt halt = progress.halt();
        Instant due = halt instanceof StepMachine.Halt.Waiting w ? w.until()
                : halt instanceof StepMachine.Halt.AwaitingEvent a ? a.timeoutAt() : null;
        runs.addSteps(c, run.id(), progress.visits(), due, now);
        Map<String, Object> traits = context(c, run, now).traits();
        if (halt instanceof StepMachine.Halt.Sending s) {
            sends.insert(c, run.workspaceId(), PlannedSend.of(run.id(), s.step(), traits,
                    run.triggerProperties().isEmpty() ? null : run.triggerProperties(), now)
                    .withQuietHours(d.quietHoursOf(s.step())), now);
            runs.halt(c, run.id(), s.step().id(), null, null, null, traits);
        } else if (halt instanceof StepMachine.Halt.Waiting w) {
            runs.halt(c, run.id(), w.step().id(), w.until(), null, null, traits);
        } else if (halt instanceof StepMachine.Halt.AwaitingEvent a) {
            runs.halt(c, run.id(), a.step().id(), a.timeoutAt(), a.step().event(), a.messageId(), traits);
            // The message may have been opened before the run got here (a fast open; a wait between the send and this
            // step; a callback that overtook the send's outcome): what its provider reported since counts too. The run
            // is locked, and the consumer locks it before recording a report, so no report falls between the two.
            if (a.messageId() != null && runs.messageReported(c, run.workspaceId(), a.messageId(), a.step().event())) {
                eventHappened(c, run.at(a.step().id()), now);
            }
        } else if (halt instanceof StepMachine.Halt.Finished f) {
            runs.end(c, run.id(), f.status(), f.reason(), now);
        }
    }
}
