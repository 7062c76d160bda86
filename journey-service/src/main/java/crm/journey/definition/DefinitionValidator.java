package crm.journey.definition;

import crm.events.MessageEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a journey definition can run, before it is stored. Pure: the templates that exist are passed in.
 */
public final class DefinitionValidator {
    /** Step ids go into idempotency keys ("run:step") and URLs, so they stay short and free of separators. */
    static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** Channels a send step can use today; the others exist in the contract but have no provider yet. */
    static final Set<MessageEvent.Channel> SUPPORTED_CHANNELS = Set.of(MessageEvent.Channel.email);

    private final Set<String> templates;

    public DefinitionValidator(Set<String> templates) {
        this.templates = Set.copyOf(templates);
    }

    public List<Violation> violations(JourneyDefinition definition) {
        List<Violation> out = new ArrayList<>();
        if (definition == null) {
            out.add(new Violation("definition", "is required"));
            return out;
        }
        checkTrigger(definition.trigger(), out);
        if (definition.steps().isEmpty()) {
            out.add(new Violation("steps", "needs at least one step"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            checkStep(definition.steps().get(i), "steps[" + i + "]", seen, out);
        }
        return out;
    }

    public boolean isValid(JourneyDefinition definition) {
        return violations(definition).isEmpty();
    }

    private static void checkTrigger(Trigger trigger, List<Violation> out) {
        if (trigger == null) {
            out.add(new Violation("trigger", "is required"));
            return;
        }
        if (trigger instanceof Trigger.SegmentEntered entered && isBlank(entered.segmentId())) {
            out.add(new Violation("trigger.segmentId", "is required"));
        }
    }

    private void checkStep(Step step, String field, Set<String> seen, List<Violation> out) {
        if (step == null) {
            out.add(new Violation(field, "is required"));
            return;
        }
        if (isBlank(step.id())) {
            out.add(new Violation(field + ".id", "is required"));
        } else if (!STEP_ID.matcher(step.id()).matches()) {
            out.add(new Violation(field + ".id", "must be 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit"));
        } else if (!seen.add(step.id())) {
            out.add(new Violation(field + ".id", "'" + step.id() + "' is used by an earlier step"));
        }
        if (step instanceof Step.Send send) {
            if (send.channel() == null) {
                out.add(new Violation(field + ".channel", "is required"));
            } else if (!SUPPORTED_CHANNELS.contains(send.channel())) {
                out.add(new Violation(field + ".channel", "'" + send.channel() + "' is not supported yet; use email"));
            }
            if (isBlank(send.template())) {
                out.add(new Violation(field + ".template", "is required"));
            } else if (!templates.contains(send.template())) {
                out.add(new Violation(field + ".template", "no template '" + send.template() + "'"));
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
