package crm.segment.definition;

import crm.events.PresetSegments;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PresetsTest {

    @Test
    void every_workspace_starts_with_customers() {
        Segment customers = Presets.of("ws-1").get(0);

        assertThat(customers.id()).isEqualTo(PresetSegments.id("ws-1", PresetSegments.CUSTOMERS));
        assertThat(customers.presetKey()).isEqualTo("customers");
        assertThat(customers.name()).isEqualTo("Customers");
        assertThat(customers.conditionText()).isEqualTo("orders_count >= 1");
        assertThat(customers.condition().matches(Map.of("orders_count", 3))).isTrue();
    }

    @Test
    void preset_ids_are_the_same_every_time_and_differ_by_workspace() {
        assertThat(Presets.of("ws-1")).isEqualTo(Presets.of("ws-1"));
        assertThat(Presets.of("ws-1").get(0).id()).isNotEqualTo(Presets.of("ws-2").get(0).id());
    }
}
