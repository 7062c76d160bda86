package crm.ingest.webhooks;

import crm.ingest.Ingest;
import crm.testing.CrmTestInfra;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static crm.ingest.webhooks.WebhookCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A store delivery whose mapping throws is still kept (never lost), and counted as a mapping error. */
@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class DeadLetterTest {
    @Inject
    WebhookPublisher publisher;
    @Inject
    MeterRegistry meters;

    /** How many deliveries were dead-lettered for this provider and cause so far. */
    static double deadLettered(MeterRegistry meters, String provider, String cause) {
        return meters.find(WebhookDeadLetters.METRIC).tag("provider", provider).tag("cause", cause).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void a_delivery_whose_mapping_throws_lands_on_the_dead_letter_topic_and_counts_as_a_mapping_error() {
        String workspaceId = Ingest.createWorkspace("Dead letters " + unique("w")).get("id");
        String deliveryId = unique("wh");
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        double before = deadLettered(meters, "shopify", WebhookDeadLetters.MAPPING_ERROR);

        WebhookAccepted answer = publisher.accept(new SignedDelivery(workspaceId, WebhookProvider.shopify, "orders/create",
                deliveryId, "c2lnbmF0dXJl", Instant.now(), body), () -> {
            throw new NullPointerException("a payload value that must not be logged");
        });

        assertThat(answer).isEqualTo(new WebhookAccepted(true, 0, true));
        var dead = DeadLetters.await(deliveryId);
        assertThat(dead.value()).isEqualTo("{\"id\":1}");
        assertThat(DeadLetters.header(dead, "dead-letter-reason"))
                .isEqualTo("the shopify mapping failed: java.lang.NullPointerException");
        assertThat(deadLettered(meters, "shopify", WebhookDeadLetters.MAPPING_ERROR)).isEqualTo(before + 1);
    }
}
