package crm.profile.traits;

import crm.events.ProfileChanged;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileTraitsTest {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static Profile withOrders(int count, String total) {
        return new Profile("p1", "ws", Map.of("email", "jane@example.com", "first_name", "Jane", "orders_count", 99), count,
                new BigDecimal(total), count > 0 ? T0 : null, count > 0 ? T0.plusSeconds(86400) : null, 3, 7, "e7", T0, T0.plusSeconds(5));
    }

    @Test
    void computed_traits_join_the_stored_ones_and_win_over_them() {
        Map<String, Object> traits = ProfileTraits.of(withOrders(2, "30.00"));

        assertThat(traits).containsEntry("email", "jane@example.com").containsEntry("first_name", "Jane")
                .containsEntry("orders_count", 2).containsEntry("total_spent", new BigDecimal("30.00"))
                .containsEntry("emails_sent", 3L)
                .containsEntry("first_order_date", "2025-03-01T10:00:00Z")
                .containsEntry("last_order_date", "2025-03-02T10:00:00Z");
    }

    @Test
    void average_basket_has_two_decimals_rounded_half_up() {
        assertThat(ProfileTraits.of(withOrders(3, "10.00"))).containsEntry("average_basket", new BigDecimal("3.33"));
        assertThat(ProfileTraits.averageBasket(new BigDecimal("0.05"), 2)).isEqualByComparingTo("0.03");
    }

    @Test
    void without_orders_there_is_no_basket_and_no_order_dates() {
        Map<String, Object> traits = ProfileTraits.of(withOrders(0, "0"));

        assertThat(traits).containsEntry("orders_count", 0).doesNotContainKeys("average_basket", "first_order_date", "last_order_date");
    }

    @Test
    void snapshot_carries_version_cause_and_change_time_of_the_profile() {
        ProfileChanged snapshot = ProfileTraits.snapshot(withOrders(1, "5"));

        assertThat(snapshot.profileId()).isEqualTo("p1");
        assertThat(snapshot.workspaceId()).isEqualTo("ws");
        assertThat(snapshot.version()).isEqualTo(7);
        assertThat(snapshot.causeEventId()).isEqualTo("e7");
        assertThat(snapshot.changedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(snapshot.traits()).containsEntry("orders_count", 1);
    }
}
