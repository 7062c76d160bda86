package crm.ingest.webhooks;

import crm.ingest.broker.Broker;
import crm.ingest.dedupe.InboundDedupe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the signed deliveries the mappings cannot read: each goes, body unchanged, to the dead-letter topic
 * (crm.dlq.v1, key = workspace id) with the reason, provider, topic and delivery id in its headers, once per delivery
 * id (a provider's retry adds no second record), and the caller is answered only after the broker acked it. Logged at
 * WARN without the payload; counted in crm.ingest.webhooks.dead.lettered{provider, cause}.
 */
@ApplicationScoped
public class WebhookDeadLetters {
    /** Cause tag: the mapping refused the payload (no topic, not an object, a required id missing). */
    public static final String UNMAPPABLE = "unmappable";
    /** Cause tag: the mapping threw, a bug in it; the delivery is kept all the same. */
    public static final String MAPPING_ERROR = "mapping_error";
    public static final String METRIC = "crm.ingest.webhooks.dead.lettered";

    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String WORKSPACE_HEADER = "crm-workspace-id";
    public static final String PROVIDER_HEADER = "crm-webhook-provider";
    public static final String TOPIC_HEADER = "crm-webhook-topic";
    public static final String DELIVERY_HEADER = "crm-webhook-id";
    public static final String SIGNATURE_HEADER = "crm-webhook-signature";
    public static final String RECEIVED_HEADER = "crm-received-at";

    private static final Logger LOG = Logger.getLogger(WebhookDeadLetters.class);

    @Inject
    InboundDedupe dedupe;
    @Inject
    Broker broker;
    @Inject
    MeterRegistry meters;

    /** Dead-letters the delivery (once per delivery id) and returns once the broker has it, else throws (503). */
    public void keep(SignedDelivery delivery, String reason, String cause) {
        // Its own dedupe space: a delivery replayed after the mapping is fixed still publishes its event.
        List<String> sent = dedupe.publishUnseen(delivery.workspaceId(), delivery.provider().name() + ":dead-letter",
                List.of(delivery.deliveryId()), id -> id,
                ids -> broker.deadLetter(delivery.workspaceId(), delivery.body(), headers(delivery, reason)));
        if (sent.isEmpty()) return;
        Counter.builder(METRIC).description("signed webhook deliveries kept on the dead-letter topic")
                .tag("provider", delivery.provider().name()).tag("cause", cause).register(meters).increment();
        LOG.warnf("dead-lettered %s delivery %s (topic %s) of workspace %s: %s", delivery.provider(),
                printable(delivery.deliveryId()), printable(delivery.topic()), delivery.workspaceId(), reason);
    }

    private static Map<String, String> headers(SignedDelivery d, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REASON_HEADER, reason);
        headers.put(WORKSPACE_HEADER, d.workspaceId());
        headers.put(PROVIDER_HEADER, d.provider().name());
        if (d.topic() != null) headers.put(TOPIC_HEADER, d.topic());
        headers.put(DELIVERY_HEADER, d.deliveryId());
        if (d.signature() != null) headers.put(SIGNATURE_HEADER, d.signature());
        headers.put(RECEIVED_HEADER, d.receivedAt().toString());
        return headers;
    }

    /** Header values come from the caller: bounded and printable in the log. */
    private static String printable(String s) {
        if (s == null) return "none";
        String shown = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
