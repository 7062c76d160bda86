package crm.journey.definition;

import crm.events.MessageEvent;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that a journey definition can run, before it is stored, naming each field at fault. Pure: the message
 * templates that exist are passed in.
 */
public final class DefinitionValidator {
    /** Step ids go into idempotency keys ("run:step") and URLs, so they stay short and free of separators. */
    static final Pattern STEP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** A webhook step's template is only a name the receiver dispatches on (nothing is rendered): any such key. */
    static final Pattern WEBHOOK_TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    static final String DURATION_HINT = "must be a positive ISO-8601 duration such as PT30M, PT1H or P8D";

    /** Per channel, the templates a send step on it can name; a channel without an entry takes any webhook-style key. */
    private final Map<MessageEvent.Channel, Set<String>> templates;

    /** Every channel can use every one of {@code templates} (unit tests). */
    public DefinitionValidator(Set<String> templates) {
        this.templates = new java.util.EnumMap<>(MessageEvent.Channel.class);
        for (MessageEvent.Channel ch : MessageEvent.Channel.values()) this.templates.put(ch, Set.copyOf(templates));
    }

    /** @param templatesByChannel the templates with bodies for each channel (an SMS step cannot name an email template) */
    public DefinitionValidator(Map<MessageEvent.Channel, Set<String>> templatesByChannel) {
        this.templates = new java.util.EnumMap<>(MessageEvent.Channel.class);
        templatesByChannel.forEach((ch, keys) -> this.templates.put(ch, Set.copyOf(keys)));
    }

    public List<Violation> violations(JourneyDefinition definition) {
        List<Violation> out = new ArrayList<>();
        if (definition == null) {
            out.add(new Violation("definition", "is required"));
            return out;
        }
        checkTrigger(definition.trigger(), out);
        checkEntry(definition, out);
        if (definition.steps().isEmpty()) {
            out.add(new Violation("steps", "needs at least one step"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < definition.steps().size(); i++) {
            checkStep(definition.steps().get(i), "steps[" + i + "]", seen, out);
        }
        Set<String> ids = new HashSet<>();
        definition.steps().stream().filter(s -> s != null && s.id() != null).forEach(s -> ids.add(s.id()));
        for (int i = 0; i < definition.steps().size(); i++) {
            checkReferences(definition, definition.steps().get(i), "steps[" + i + "]", ids, out);
        }
        if (out.isEmpty()) checkNoCycle(definition, out);
        for (int i = 0; i < definition.exits().size(); i++) {
            checkExit(definition, definition.exits().get(i), "exits[" + i + "]", out);
        }
        if (definition.goal() != null) {
            if (isBlank(definition.goal().event())) out.add(new Violation("goal.event", "is required"));
            checkDuration(definition.goal().within(), "goal.within", true, out);
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
        } else if (trigger instanceof Trigger.SegmentEntered entered && entered.segmentId().length() > MAX_TRIGGER_LENGTH) {
            out.add(new Violation("trigger.segmentId", TRIGGER_LENGTH_HINT));
        }
        if (trigger instanceof Trigger.EventHappened event) {
            if (isBlank(event.event())) out.add(new Violation("trigger.event", "is required"));
            else if (event.event().length() > MAX_TRIGGER_LENGTH) out.add(new Violation("trigger.event", TRIGGER_LENGTH_HINT));
            for (String path : event.where().keySet()) {
                if (!EventPaths.isValid(path)) out.add(new Violation("trigger.where." + path, PATH_HINT));
            }
        }
    }

    /** The trigger is indexed (journeys_by_event, journeys_by_trigger): PostgreSQL refuses index rows over ~2.7 KB. */
    static final int MAX_TRIGGER_LENGTH = 255;
    static final String TRIGGER_LENGTH_HINT = "must be at most " + MAX_TRIGGER_LENGTH + " characters";
    static final String PATH_HINT = "must be a path into the event: name, properties.<field>, traits.<field> or context.<field>";

    private static void checkEntry(JourneyDefinition d, List<Violation> out) {
        EntryRule entry = d.entry();
        if (entry == null) return;
        if (entry.key() != null) {
            if (!(d.trigger() instanceof Trigger.EventHappened)) {
                out.add(new Violation("entry.key", "only an event trigger has properties to key runs by"));
            } else if (!EventPaths.isValid(entry.key())) {
                out.add(new Violation("entry.key", PATH_HINT));
            }
        }
        if (entry.reentry() == EntryRule.ReEntry.after) {
            if (entry.afterDays() == null || entry.afterDays() < 1) {
                out.add(new Violation("entry.afterDays", "must be at least 1 when reentry is 'after'"));
            }
        } else if (entry.afterDays() != null) {
            out.add(new Violation("entry.afterDays", "only applies when reentry is 'after'"));
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
                out.add(new Violation(field + ".channel", "is required: email, sms, whatsapp or webhook"));
            }
            if (isBlank(send.template())) {
                out.add(new Violation(field + ".template", "is required"));
            } else if (send.channel() != null) {
                Set<String> known = templates.get(send.channel());
                if (known == null ? !WEBHOOK_TEMPLATE.matcher(send.template()).matches() : !known.contains(send.template())) {
                    out.add(new Violation(field + ".template", "no " + send.channel() + " template '" + send.template() + "'"));
                }
            }
        } else if (step instanceof Step.Wait wait) {
            checkWait(wait, field, out);
        } else if (step instanceof Step.WaitForEvent w) {
            if (isBlank(w.event())) out.add(new Violation(field + ".event", "is required"));
            else if (w.ofStep() != null && MessageEvent.Status.ofEventName(w.event()).isEmpty()) {
                // Only message events ("Message Opened", ...) are about one message; any other would never come.
                out.add(new Violation(field + ".event", "with ofStep must be a message event such as 'Message Opened' or 'Message Clicked'"));
            }
            checkDuration(w.within(), field + ".within", true, out);
        } else if (step instanceof Step.Condition c) {
            boolean byTrait = !isBlank(c.trait());
            boolean bySegment = !isBlank(c.segment());
            if (byTrait == bySegment) {
                out.add(new Violation(field + ".trait", "give exactly one of trait and segment"));
            } else if (byTrait) {
                if (c.op() == null) {
                    out.add(new Violation(field + ".op", "is required: eq, neq, gt, gte, lt, lte, exists or not_exists"));
                } else if (c.op() != Step.Condition.Op.exists && c.op() != Step.Condition.Op.not_exists && c.value() == null) {
                    out.add(new Violation(field + ".value", "is required for op '" + c.op() + "'"));
                } else if ((c.op() == Step.Condition.Op.gt || c.op() == Step.Condition.Op.gte || c.op() == Step.Condition.Op.lt
                        || c.op() == Step.Condition.Op.lte) && !(c.value() instanceof Number) && !isComparableText(c.value())) {
                    out.add(new Violation(field + ".value", "must be a number or an ISO-8601 date for op '" + c.op() + "'"));
                }
            }
        } else if (step instanceof Step.Split split) {
            if (split.variants().size() < 2) {
                out.add(new Violation(field + ".variants", "needs at least two variants"));
            }
            int total = 0;
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < split.variants().size(); i++) {
                Step.Split.Variant v = split.variants().get(i);
                String vf = field + ".variants[" + i + "]";
                if (v == null) {
                    out.add(new Violation(vf, "is required"));
                    continue;
                }
                if (isBlank(v.key())) out.add(new Violation(vf + ".key", "is required"));
                else if (!keys.add(v.key())) out.add(new Violation(vf + ".key", "'" + v.key() + "' is used by an earlier variant"));
                if (v.percent() < 1 || v.percent() > 100) out.add(new Violation(vf + ".percent", "must be 1 to 100"));
                total += v.percent();
            }
            if (split.variants().size() >= 2 && total != 100 && split.variants().stream().allMatch(v -> v != null)) {
                out.add(new Violation(field + ".variants", "percentages must add up to 100, not " + total));
            }
        }
    }

    private static boolean isComparableText(Object value) {
        return value instanceof String s && Conditions.instant(s).isPresent();
    }

    private static void checkWait(Step.Wait wait, String field, List<Violation> out) {
        int ways = (wait.duration() != null ? 1 : 0) + (wait.untilLocalTime() != null ? 1 : 0) + (wait.untilTrait() != null ? 1 : 0);
        if (ways != 1) {
            out.add(new Violation(field + ".duration", "give exactly one of duration, untilLocalTime and untilTrait"));
            return;
        }
        if (wait.duration() != null) checkDuration(wait.duration(), field + ".duration", true, out);
        if (wait.untilLocalTime() != null) {
            try {
                LocalTime.parse(wait.untilLocalTime());
            } catch (DateTimeParseException e) {
                out.add(new Violation(field + ".untilLocalTime", "must be a time of day such as 09:30"));
            }
        }
        if (wait.untilTrait() != null && wait.untilTrait().isBlank()) {
            out.add(new Violation(field + ".untilTrait", "must name a date trait such as first_order_date"));
        }
        if (wait.offset() != null) {
            if (wait.untilTrait() == null) out.add(new Violation(field + ".offset", "only applies with untilTrait"));
            else checkDuration(wait.offset(), field + ".offset", false, out);
        }
    }

    /** Every step a step names exists; a branching step names all its branches. */
    private static void checkReferences(JourneyDefinition d, Step step, String field, Set<String> ids, List<Violation> out) {
        if (step == null) return;
        Map<String, String> refs = new java.util.LinkedHashMap<>();
        boolean required = false;
        if (step instanceof Step.Send s) refs.put("next", s.next());
        if (step instanceof Step.Wait w) refs.put("next", w.next());
        if (step instanceof Step.WaitForEvent w) {
            refs.put("happened", w.happened());
            refs.put("timedOut", w.timedOut());
            required = true;
            if (w.ofStep() != null) {
                boolean isSend = d.step(w.ofStep()).map(s -> s instanceof Step.Send).orElse(false);
                if (!isSend) out.add(new Violation(field + ".ofStep", "must name a send step, not '" + w.ofStep() + "'"));
            }
        }
        if (step instanceof Step.Condition c) {
            refs.put("then", c.then());
            refs.put("else", c.otherwise());
            required = true;
        }
        if (step instanceof Step.Split s) {
            for (int i = 0; i < s.variants().size(); i++) {
                if (s.variants().get(i) != null) refs.put("variants[" + i + "].next", s.variants().get(i).next());
            }
            required = true;
        }
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            if (ref.getValue() == null) {
                if (required) out.add(new Violation(field + "." + ref.getKey(), "is required: the id of the step to go on to"));
            } else if (!ids.contains(ref.getValue())) {
                out.add(new Violation(field + "." + ref.getKey(), "no step '" + ref.getValue() + "'"));
            } else if (ref.getValue().equals(step.id())) {
                out.add(new Violation(field + "." + ref.getKey(), "a step cannot go on to itself"));
            }
        }
    }

    /** Runs must end: a step graph with a loop could keep a run (and its messages) going for ever. */
    private static void checkNoCycle(JourneyDefinition d, List<Violation> out) {
        Map<String, Integer> state = new HashMap<>();
        for (int i = 0; i < d.steps().size(); i++) {
            String loop = visit(d, d.steps().get(i), state);
            if (loop != null) {
                out.add(new Violation("steps[" + indexOf(d, loop) + "]", "'" + loop + "' is part of a loop; runs must reach an end"));
                return;
            }
        }
    }

    private static String visit(JourneyDefinition d, Step step, Map<String, Integer> state) {
        Integer s = state.get(step.id());
        if (s != null) return s == 1 ? step.id() : null;
        state.put(step.id(), 1);
        for (Step next : successors(d, step)) {
            String loop = visit(d, next, state);
            if (loop != null) return loop;
        }
        state.put(step.id(), 2);
        return null;
    }

    /** Every step a step may go on to. */
    public static List<Step> successors(JourneyDefinition d, Step step) {
        List<String> ids = new ArrayList<>();
        if (step instanceof Step.WaitForEvent w) {
            ids.add(w.happened());
            ids.add(w.timedOut());
        } else if (step instanceof Step.Condition c) {
            ids.add(c.then());
            ids.add(c.otherwise());
        } else if (step instanceof Step.Split s) {
            s.variants().forEach(v -> ids.add(v.next()));
        } else if (!(step instanceof Step.Exit)) {
            return d.successor(step).map(List::of).orElse(List.of());
        }
        return ids.stream().map(d::step).flatMap(java.util.Optional::stream).toList();
    }

    private static int indexOf(JourneyDefinition d, String id) {
        for (int i = 0; i < d.steps().size(); i++) if (id.equals(d.steps().get(i).id())) return i;
        return -1;
    }

    private static void checkExit(JourneyDefinition d, ExitCriterion exit, String field, List<Violation> out) {
        if (exit == null) {
            out.add(new Violation(field, "is required"));
        } else if (exit instanceof ExitCriterion.EventHappened e) {
            if (isBlank(e.event())) out.add(new Violation(field + ".event", "is required"));
            if (e.matchEntryKey() != null) {
                if (!EventPaths.isValid(e.matchEntryKey())) out.add(new Violation(field + ".matchEntryKey", PATH_HINT));
                else if (d.entryRule().key() == null) {
                    out.add(new Violation(field + ".matchEntryKey", "needs entry.key: runs without an entry key have nothing to match"));
                }
            }
        } else if (exit instanceof ExitCriterion.SegmentExited s && isBlank(s.segmentId())) {
            out.add(new Violation(field + ".segmentId", "is required"));
        }
    }

    private static void checkDuration(String value, String field, boolean positive, List<Violation> out) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "is required"));
            return;
        }
        try {
            Duration d = Duration.parse(value);
            if (positive && (d.isNegative() || d.isZero())) out.add(new Violation(field, DURATION_HINT));
        } catch (DateTimeParseException e) {
            out.add(new Violation(field, (positive ? DURATION_HINT : "must be an ISO-8601 duration such as P365D or -P1D")));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
