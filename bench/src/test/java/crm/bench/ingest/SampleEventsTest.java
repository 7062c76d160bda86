package crm.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import crm.events.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SampleEventsTest {

    @Test
    void every_sample_event_is_a_valid_track_message_of_about_500_bytes() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            long n = Math.abs(random.nextLong() % 10_000_000);
            String user = "bench-u-" + (n % 20_000);
            String json = SampleEvents.track(UUID.randomUUID().toString(), user, "Product Viewed", user + "@bench.example.com", n);
            assertThat(json.length()).as(json).isBetween(450, 550);
            JsonNode node = Json.MAPPER.readTree(json);
            assertThat(node.get("type").asText()).isEqualTo("track");
            assertThat(node.get("event").asText()).isEqualTo("Product Viewed");
            assertThat(node.at("/context/traits/email").asText()).isEqualTo(user + "@bench.example.com");
        }
    }

    @Test
    void a_batch_of_one_hundred_stays_far_below_the_500_kb_batch_limit() throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) items.add(SampleEvents.track(UUID.randomUUID().toString(), "u-" + i, "Product Viewed", "u-" + i + "@x.test", i));
        String batch = SampleEvents.batch(items);
        assertThat(Json.MAPPER.readTree(batch).get("batch").size()).isEqualTo(100);
        assertThat(batch.length()).isLessThan(512_000);
    }
}
