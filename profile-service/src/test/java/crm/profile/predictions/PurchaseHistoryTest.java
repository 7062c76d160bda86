package crm.profile.predictions;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PurchaseHistoryTest {

    @Test
    void inputs_computed_from_the_cdnow_sample_reproduce_the_reference_summary_for_every_customer() {
        Map<Integer, List<LocalDate>> days = Cdnow.samplePurchaseDays();
        Map<Integer, Cdnow.Summary> expected = Cdnow.summary();
        assertThat(days).hasSize(2357);
        assertThat(expected).hasSize(2357);

        List<String> mismatches = new ArrayList<>();
        expected.forEach((id, want) -> {
            PurchaseHistory h = PurchaseHistory.of(days.get(id), Cdnow.CALIBRATION_END, 7).orElseThrow();
            String recency = weeks(h.recency());
            String age = weeks(h.age());
            if (h.frequency() != want.frequency() || !recency.equals(weeks(Double.parseDouble(want.recency())))
                    || !age.equals(weeks(Double.parseDouble(want.age())))) {
                mismatches.add(id + ": " + h + " vs " + want);
            }
        });
        assertThat(mismatches).isEmpty();
    }

    @Test
    void the_readme_examples_come_out_as_published() {
        Map<Integer, List<LocalDate>> days = Cdnow.samplePurchaseDays();
        PurchaseHistory first = PurchaseHistory.of(days.get(1), Cdnow.CALIBRATION_END, 7).orElseThrow();
        assertThat(first.frequency()).isEqualTo(2);
        assertThat(weeks(first.recency())).isEqualTo("30.43");
        assertThat(weeks(first.age())).isEqualTo("38.86");
        PurchaseHistory second = PurchaseHistory.of(days.get(2), Cdnow.CALIBRATION_END, 7).orElseThrow();
        assertThat(second.frequency()).isEqualTo(1);
        assertThat(weeks(second.recency())).isEqualTo("1.71");
    }

    @Test
    void two_orders_on_one_day_are_one_purchase_and_later_days_are_ignored() {
        LocalDate d = LocalDate.of(2025, 1, 1);
        PurchaseHistory h = PurchaseHistory.of(List.of(d, d, d.plusDays(10), d.plusDays(400)), d.plusDays(30), 1).orElseThrow();
        assertThat(h).isEqualTo(new PurchaseHistory(1, 10, 30));
    }

    @Test
    void a_customer_who_bought_nothing_before_the_end_has_no_history() {
        assertThat(PurchaseHistory.of(List.of(LocalDate.of(2025, 2, 1)), LocalDate.of(2025, 1, 1), 1)).isEmpty();
        assertThat(PurchaseHistory.of(List.of(), LocalDate.of(2025, 1, 1), 1)).isEmpty();
    }

    @Test
    void inconsistent_inputs_are_refused() {
        assertThatThrownBy(() -> new PurchaseHistory(-1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PurchaseHistory(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PurchaseHistory(0, 2, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String weeks(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
