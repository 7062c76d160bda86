package crm.journey.sends;

import crm.events.MessageEvent.Channel;
import crm.journey.contacts.Contact;
import crm.journey.contacts.UnsubscribeLinks;
import crm.journey.guards.MessageKind;
import crm.journey.providers.OutboundMessage;
import crm.journey.providers.ProviderChoice;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a due send into the message a provider takes. Templates (Qute) see {@code firstName}, {@code traits} (the
 * profile's, freshest first: the contact projection over the snapshot the run started with), {@code event} (the
 * trigger event's properties when the run put them under the {@code event} variable: checkout_url, products, ...)
 * and {@code unsubscribeUrl}. Email: {@code templates/email/<key>.html|.txt}; SMS: {@code templates/sms/<key>.txt}.
 */
@ApplicationScoped
public class MessageRenderer {
    /** RFC 8058: a POST with this body to the List-Unsubscribe URL unsubscribes without further interaction. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    @Inject
    Engine templates;
    @Inject
    UnsubscribeLinks unsubscribe;

    /** Marks what a test send renders: in the subject, at the start of a text message, in a webhook's body. */
    public static final String TEST_MARK = "[Test] ";

    /** @throws IllegalStateException when the template does not exist: retrying cannot help */
    public OutboundMessage render(ClaimedSend send, String recipient, MessageKind kind, Optional<Contact> contact,
                                  ProviderChoice choice) {
        String unsubscribeUrl = kind == MessageKind.marketing && send.channel() != Channel.webhook
                ? unsubscribe.url(send.workspaceId(), send.profileId(), send.channel(), send.idempotencyKey()) : null;
        return render(send, recipient, contact, choice, unsubscribeUrl, false);
    }

    /**
     * A test send of a step's message: rendered as the real one, marked {@link #TEST_MARK}. Its unsubscribe link (for
     * marketing) is a placeholder that unsubscribes nobody: the test address is not the profile whose traits it shows.
     */
    public OutboundMessage renderTest(ClaimedSend send, String recipient, MessageKind kind, ProviderChoice choice) {
        String unsubscribeUrl = kind == MessageKind.marketing && send.channel() != Channel.webhook ? unsubscribe.testUrl() : null;
        return render(send, recipient, Optional.empty(), choice, unsubscribeUrl, true);
    }

    private OutboundMessage render(ClaimedSend send, String recipient, Optional<Contact> contact, ProviderChoice choice,
                                   String unsubscribeUrl, boolean test) {
        Map<String, Object> traits = new HashMap<>(send.variables());
        traits.remove(PlannedSend.EVENT_VARIABLE);
        contact.ifPresent(c -> traits.putAll(c.traits()));
        Object event = send.variables().getOrDefault(PlannedSend.EVENT_VARIABLE, Map.of());
        String mark = test ? TEST_MARK : "";
        Map<String, Object> data = new HashMap<>();
        data.put("firstName", MessageTemplates.firstName(traits).orElse(null));
        data.put("traits", traits);
        data.put("event", event);
        data.put("unsubscribeUrl", unsubscribeUrl);
        return switch (send.channel()) {
            case email -> {
                String subject = MessageTemplates.subject(send.template())
                        .orElseThrow(() -> new IllegalStateException("no message template '" + send.template() + "'"));
                String html = render("email/" + send.template() + ".html", data);
                String text = render("email/" + send.template() + ".txt", data);
                Map<String, String> headers = new LinkedHashMap<>();
                if (unsubscribeUrl != null) {
                    // Every marketing email can be left in one click, from the mail client or from the message.
                    headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
                    headers.put("List-Unsubscribe-Post", ONE_CLICK);
                    if (!html.contains(unsubscribeUrl)) html = footer(html, unsubscribeUrl);
                    if (!text.contains(unsubscribeUrl)) text = text.stripTrailing() + "\n\nUnsubscribe: " + unsubscribeUrl + "\n";
                }
                yield message(send, recipient, mark + subject, html, text, headers, Map.of());
            }
            case sms, whatsapp -> message(send, recipient, null, null,
                    mark + render("sms/" + send.template() + ".txt", data).strip(), Map.of(), Map.of());
            case webhook -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("template", send.template());
                body.put("traits", traits);
                body.put("event", event);
                if (test) body.put("test", true);
                yield message(send, recipient != null ? recipient : choice.url(), null, null, null, Map.of(), body);
            }
        };
    }

    private static OutboundMessage message(ClaimedSend send, String to, String subject, String html, String text,
                                           Map<String, String> headers, Map<String, Object> data) {
        return new OutboundMessage(send.idempotencyKey(), send.workspaceId(), send.profileId(), send.journeyId(),
                send.runId() == null ? null : send.runId().toString(), send.stepId(), send.channel(), to, subject, html,
                text, headers, data);
    }

    private String render(String path, Map<String, Object> data) {
        Template template = templates.getTemplate(path);
        if (template == null) throw new IllegalStateException("no message template " + path);
        var instance = template.instance();
        data.forEach(instance::data);
        return instance.render();
    }

    private static String footer(String html, String url) {
        String link = "<p style=\"font-size:small\"><a href=\"" + url + "\">Unsubscribe</a></p>";
        int body = html.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return body < 0 ? html + link : html.substring(0, body) + link + "\n" + html.substring(body);
    }
}
