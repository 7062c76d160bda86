package crm.journey.journeys;

import crm.events.Identities;
import crm.events.MessageEvent.Channel;
import crm.journey.definition.JourneyDefinition;
import crm.journey.definition.Step;
import crm.journey.definition.Violation;
import crm.journey.providers.ProviderResource;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a test send of a journey's step must name before anything is rendered. Pure. */
public final class TestSends {
    /** Something@domain.tld, no spaces: what a mail server can be asked to deliver to. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    /** E.164: what Twilio takes for SMS and WhatsApp. */
    static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    static final int MAX_ADDRESS_LENGTH = 320;

    private TestSends() {
    }

    /**
     * The send step and the address to test it at, or why not.
     *
     * @param to the address: an email for an email step, an E.164 phone number for SMS and WhatsApp; for a webhook
     *           step an http(s) URL, or null for the workspace's webhook URL
     */
    public record Checked(Step.Send step, String to, Violation refused) {
        static Checked refused(String field, String message) {
            return new Checked(null, null, new Violation(field, message));
        }
    }

    public static Checked check(JourneyDefinition definition, TestSendRequest request) {
        if (request.step() == null || request.step().isBlank()) return Checked.refused("step", "is required: the id of a send step");
        Optional<Step> step = definition.step(request.step());
        if (step.isEmpty()) return Checked.refused("step", "no step '" + request.step() + "' in the journey");
        if (!(step.get() instanceof Step.Send send)) {
            return Checked.refused("step", "'" + request.step() + "' is not a send step, nothing to send");
        }
        String to = request.to() == null ? null : request.to().trim();
        if (to != null && to.length() > MAX_ADDRESS_LENGTH) return Checked.refused("to", "is too long");
        return switch (send.channel()) {
            case email -> to != null && EMAIL.matcher(to).matches() ? new Checked(send, Identities.normaliseEmail(to), null)
                    : Checked.refused("to", "must be an email address: the step sends email");
            case sms, whatsapp -> to != null && PHONE.matcher(to).matches() ? new Checked(send, to, null)
                    : Checked.refused("to", "must be a phone number in E.164 form such as +14155550100: the step sends "
                    + (send.channel() == Channel.sms ? "SMS" : "WhatsApp messages"));
            case webhook -> to == null || to.isEmpty() ? new Checked(send, null, null)
                    : ProviderResource.validHttpUrl(to) ? new Checked(send, to, null)
                    : Checked.refused("to", "must be an absolute http(s) URL, or left out for the workspace's webhook URL");
        };
    }
}
