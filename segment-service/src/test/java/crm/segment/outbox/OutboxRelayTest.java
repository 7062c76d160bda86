package crm.segment.outbox;

import crm.events.Json;
import crm.events.SegmentMembershipChanged;
import crm.events.Topics;
import crm.testing.CrmTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static crm.segment.Traffic.WAIT;
import static crm.segment.Traffic.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(CrmTestInfra.class)
class OutboxRelayTest {
    @Inject
    DataSource dataSource;

    @Test
    void a_change_left_in_the_outbox_by_a_crash_is_published_and_cleared() throws Exception {
        String profile = newId("p");
        var change = new SegmentMembershipChanged(newId("t"), newId("ws"), "seg", "Customers", profile,
                SegmentMembershipChanged.Change.ENTERED, "orders_count >= 1", Instant.now(), 3, Map.of("orders_count", 1));
        // As the consumer leaves it when it dies between commit and publish.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into membership_outbox (id, topic, key, payload, created_at) values (?, ?, ?, ?::json, ?)")) {
            ps.setString(1, change.id());
            ps.setString(2, Topics.SEGMENTS);
            ps.setString(3, profile);
            ps.setString(4, Json.write(change));
            ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }

        var record = CrmTestInfra.kafka().await(Topics.SEGMENTS, r -> profile.equals(r.key()), WAIT);
        assertThat(Json.read(record.value(), SegmentMembershipChanged.class)).isEqualTo(change);
        await().atMost(WAIT).until(() -> !pending(change.id()));
    }

    private boolean pending(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from membership_outbox where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
